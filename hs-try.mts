import ExcelJS from 'exceljs';
const wb = new ExcelJS.Workbook();
await wb.xlsx.readFile('/tmp/hs-ods/out/pack.xlsx');
for (const ws of wb.worksheets) {
  console.log('==', ws.name, ws.pageSetup.fitToWidth, ws.pageSetup.fitToHeight, ws.pageSetup.fitToPage, ws.pageSetup.orientation, ws.pageSetup.paperSize, JSON.stringify(ws.headerFooter), ws.pageSetup.printTitlesRow, ws.getColumn(1).width);
  ws.eachRow((row, r) => { if (r < 12 || ws.name==='Table_1') console.log(r, row.height, JSON.stringify(row.values).slice(0, 150), JSON.stringify(row.getCell(2).numFmt), JSON.stringify(row.getCell(1).font), JSON.stringify(row.getCell(2).alignment)); });
}
