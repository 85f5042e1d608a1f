/**
 * Printing a window's page to PDF as a port. Electron's implementation (in
 * src-main/electron/) finds the window by the caller's client id and calls
 * webContents.printToPDF({ pageSize: 'A4', printBackground: true,
 * preferCSSPageSize: true }); the CLI and the test bridge have none.
 */
export interface PagePrinter {
  /** The PDF bytes of the page shown in the client's window, as printed (print media, @page rules). */
  printToPdf(clientId: string): Promise<Uint8Array>;
}
