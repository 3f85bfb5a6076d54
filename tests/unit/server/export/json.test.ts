import { describe, expect, it } from 'vitest';
import { exportToJson } from '../../../../server/export/json.ts';
import { EXPORT_VERSION, parseExport } from '../../../../src/lib/export/schema.ts';
import { exportOfRun } from '../../../helpers/five-whys-run.ts';
import { exportOfFullRun, PURPOSE } from '../../lib/export/full-run.ts';

describe('exportToJson', () => {
  it('parses back by the export schema into the same model, æ ø å intact', () => {
    for (const { model } of [exportOfFullRun('da'), exportOfFullRun('nb'), exportOfRun('en')]) {
      const json = exportToJson(model);
      const parsed = parseExport(JSON.parse(json));
      expect(parsed).toEqual(model);
      expect(parsed.version).toBe(EXPORT_VERSION);
    }
    const json = exportToJson(exportOfFullRun('da').model);
    expect(json).toContain(PURPOSE);
    expect(json).not.toMatch(/\\u00[ce][0-9a-f]/i);
  });

  it('is refused by the schema once a required field is gone', () => {
    const raw = JSON.parse(exportToJson(exportOfFullRun('da').model)) as Record<string, unknown>;
    delete raw.results;
    expect(() => parseExport(raw)).toThrow(/results/);
  });
});
