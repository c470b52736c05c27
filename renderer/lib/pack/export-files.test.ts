import { describe, expect, it } from 'vitest';
import { EXPORT_FORMATS, MIME, packFileName, pdfDocumentInfo } from './export-files.ts';
import { sampleDocument } from './sample-document.ts';

describe('export-files', () => {
  it('names a file after the title and the pack date, else the export day', () => {
    const doc = sampleDocument(1);
    doc.meta.title = 'NRM referrals: Q4 2023!';
    doc.meta.date = '2026-11-28';
    expect(packFileName(doc, 'xlsx')).toBe('nrm-referrals-q4-2023-2026-11-28.xlsx');
    doc.meta.title = '  ';
    doc.meta.date = '';
    doc.meta.exportedAt = '2026-12-01T10:00:00.000Z';
    expect(packFileName(doc, 'pdf')).toBe('briefing-pack-2026-12-01.pdf');
  });

  it('has a MIME type for every format', () => {
    expect(EXPORT_FORMATS.map((f) => typeof MIME[f])).toEqual(EXPORT_FORMATS.map(() => 'string'));
  });

  it('describes the PDF from the cover: title, en-GB, author with organisation, subtitle with marking', () => {
    const meta = { ...sampleDocument(1).meta, title: 'Pack', author: 'A. Analyst', organisation: 'IDMG', subtitle: 'Quarterly', marking: 'OFFICIAL' as const };
    expect(pdfDocumentInfo(meta)).toEqual({ title: 'Pack', lang: 'en-GB', author: 'A. Analyst, IDMG', subject: 'Quarterly – OFFICIAL' });
    expect(pdfDocumentInfo({ ...meta, title: '', author: '', organisation: '', subtitle: '', marking: null })).toEqual({ title: 'Briefing pack', lang: 'en-GB', author: '', subject: '' });
  });
});
