import { describe, expect, it } from 'vitest';
import {
  asciiSpelling,
  contentDisposition,
  dayInZone,
  exportFileName,
  slugify,
} from '../../../../server/export/file-name.ts';

describe('export file names', () => {
  it('makes a slug of the title that keeps its letters', () => {
    expect(slugify('5 × hvorfor: teamets formål')).toBe('5-hvorfor-teamets-formål');
    expect(slugify('  Ærø – Øst & Vest!  ')).toBe('ærø-øst-vest');
    expect(slugify('x'.repeat(100))).toHaveLength(60);
  });

  it('spells Danish and Norwegian letters in ASCII for the plain file name', () => {
    expect(asciiSpelling('5-hvorfor-teamets-formål')).toBe('5-hvorfor-teamets-formaal');
    expect(asciiSpelling('ærø-øst-café')).toBe('aeroe-oest-cafe');
  });

  it('dates the file by the day in the export time zone', () => {
    // 23:30 UTC on 31 December is already New Year in Copenhagen.
    expect(dayInZone('2025-12-31T23:30:00.000Z', 'Europe/Copenhagen')).toBe('2026-01-01');
    expect(dayInZone('2025-12-31T23:30:00.000Z', 'UTC')).toBe('2025-12-31');
  });

  it('sends an RFC 5987 name only when the name is not plain ASCII', () => {
    const model = {
      workshop: { id: 'five-whys', title: '5 × hvorfor: teamets formål' },
      exportedAt: '2025-03-14T10:00:00.000Z',
      timeZone: 'Europe/Copenhagen',
    };
    const name = exportFileName(model, 'pdf');
    expect(name).toEqual({
      unicode: '5-hvorfor-teamets-formål-2025-03-14.pdf',
      ascii: '5-hvorfor-teamets-formaal-2025-03-14.pdf',
    });
    expect(contentDisposition(name)).toBe(
      'attachment; filename="5-hvorfor-teamets-formaal-2025-03-14.pdf"; filename*=UTF-8\'\'5-hvorfor-teamets-form%C3%A5l-2025-03-14.pdf',
    );
    const english = exportFileName(
      { ...model, workshop: { id: 'five-whys', title: "5 × why: your team's purpose" } },
      'md',
    );
    expect(contentDisposition(english)).toBe('attachment; filename="5-why-your-team-s-purpose-2025-03-14.md"');
  });

  it('falls back to the workshop id when the title has no letters', () => {
    const name = exportFileName(
      { workshop: { id: 'five-whys', title: '×××' }, exportedAt: '2025-03-14T10:00:00.000Z', timeZone: 'UTC' },
      'csv',
    );
    expect(name.ascii).toBe('five-whys-2025-03-14.csv');
  });
});
