import { describe, expect, it } from 'vitest';
import { listDossierFiles } from '../../../../shared/lookup/dossier-files';

const SHA = (c: string) => c.repeat(64);
const components = [
  { code: 'TP02', name: 'Giấy chứng sinh' },
  { code: 'TP01', name: 'Tờ khai đăng ký khai sinh' },
];

describe('the files of a dossier as the look-up lists them', () => {
  it('lists components in the order of the view, then results by number, each file once with the name known here', () => {
    const listed = listDossierFiles({
      components,
      componentFiles: [
        { componentCode: 'TP01', sha256: SHA('a'), fileName: 'to-khai.pdf', mediaType: 'application/pdf', bytes: 10 },
        { componentCode: 'TP02', sha256: SHA('b'), fileName: 'chung-sinh.jpg', mediaType: 'image/jpeg', bytes: 20 },
      ],
      results: [{ position: 0, name: 'Giấy khai sinh', sha256: SHA('c'), fileName: 'kq.pdf', mediaType: 'application/pdf', bytes: 30 }],
      held: [
        { componentCode: 'KQ2', sha256: SHA('d'), size: 40, mediaType: 'application/pdf' },
        { componentCode: 'KQ1', sha256: SHA('c'), size: 30, mediaType: 'application/pdf' },
        { componentCode: 'TP01', sha256: SHA('a'), size: 10, mediaType: 'application/pdf' },
        { componentCode: 'TP01', sha256: SHA('e'), size: 50, mediaType: 'application/pdf' },
      ],
    });
    expect(listed.map(({ kind, componentCode, title, fileName, sha256 }) => [kind, componentCode, title, fileName, sha256[0]])).toEqual([
      ['component', 'TP02', 'Giấy chứng sinh', 'chung-sinh.jpg', 'b'],
      ['component', 'TP01', 'Tờ khai đăng ký khai sinh', 'to-khai.pdf', 'a'],
      ['component', 'TP01', 'Tờ khai đăng ký khai sinh', null, 'e'],
      ['result', 'KQ1', 'Giấy khai sinh', 'kq.pdf', 'c'],
      ['result', 'KQ2', null, null, 'd'],
    ]);
  });

  it('lists nothing for a dossier without files', () => {
    expect(listDossierFiles({ components, componentFiles: [], results: [], held: [] })).toEqual([]);
  });
});
