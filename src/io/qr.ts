/** The report page's QR code as a PNG (for the DOCX; the PDF draws the same code as vectors). */
import QRCode from 'qrcode';
import { QR } from '../layout/gbt9704.js';

export function qrPng(url: string): Promise<Buffer> {
  // error correction M, as the PDF; 4-module quiet zone; 10 px a module is ample for 25 mm
  return QRCode.toBuffer(url, { type: 'png', errorCorrectionLevel: QR.eccLevel, margin: 4, scale: 10, color: { dark: '#000000', light: '#ffffff' } });
}
