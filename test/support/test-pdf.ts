import { PDFDocument, StandardFonts } from 'pdf-lib';

/** An A4 PDF of `pages` pages, each saying which page it is (pdf-lib, no system tools). */
export async function testPdf(pages: number, title = 'Etäpiste test document'): Promise<Uint8Array<ArrayBuffer>> {
  const document = await PDFDocument.create();
  const font = await document.embedFont(StandardFonts.Helvetica);
  for (let page = 1; page <= pages; page++) {
    const sheet = document.addPage([595.28, 841.89]);
    sheet.drawText(title.replace(/[^\x20-\x7e]/g, 'a'), { x: 60, y: 760, size: 20, font });
    sheet.drawText(`Page ${page} of ${pages}`, { x: 60, y: 720, size: 14, font });
  }
  return new Uint8Array(await document.save());
}
