import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { translator } from '../../../src/i18n/index.ts';
import { ExportFormatList } from '../../../src/islands/steps/ResultExport.tsx';
import { EXPORT_FORMATS } from '../../../src/lib/export/formats.ts';

const hrefs = (invite: string | null) =>
  [
    ...renderToStaticMarkup(
      createElement(ExportFormatList, {
        room: 'room-1',
        invite,
        t: translator('en'),
        listClassName: 'l',
        linkClassName: 'a',
      }),
    ).matchAll(/href="([^"]+)"/g),
  ].map((m) => m[1]!.replaceAll('&amp;', '&'));

describe('the download links', () => {
  it('carry the current invite once the link was replaced, as the export route asks', () => {
    expect(hrefs('abc_DEF-123')).toEqual(
      EXPORT_FORMATS.map((f) => `/api/rooms/room-1/export?format=${f}&invite=abc_DEF-123`),
    );
    expect(hrefs(null)).toEqual(EXPORT_FORMATS.map((f) => `/api/rooms/room-1/export?format=${f}`));
  });
});
