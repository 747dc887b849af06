package io.canopy.certificate.rendering;

import java.awt.Color;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.enterprise.context.ApplicationScoped;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName;

/**
 * A one-page, A4 landscape certificate a customer can frame, drawn with Apache PDFBox using the
 * standard PDF fonts (nothing to embed or license). Every figure comes from
 * {@link CertificateDocument}, shared with the HTML page.
 */
@ApplicationScoped
public class PdfRenderer {

    private static final PDRectangle A4_LANDSCAPE = new PDRectangle(PDRectangle.A4.getHeight(), PDRectangle.A4.getWidth());
    private static final Color FOREST = new Color(0x1f, 0x5e, 0x3b);
    private static final Color LEAF = new Color(0x3f, 0x8f, 0x4f);
    private static final Color PAPER = new Color(0xfb, 0xf8, 0xef);
    private static final Color INK = new Color(0x22, 0x2a, 0x25);
    private static final Color MUTED = new Color(0x5f, 0x6b, 0x63);

    private final PDFont serif = new PDType1Font(FontName.TIMES_ROMAN);
    private final PDFont serifBold = new PDType1Font(FontName.TIMES_BOLD);
    private final PDFont serifItalic = new PDType1Font(FontName.TIMES_ITALIC);
    private final PDFont sans = new PDType1Font(FontName.HELVETICA);
    private final PDFont sansBold = new PDType1Font(FontName.HELVETICA_BOLD);
    private final PDFont mono = new PDType1Font(FontName.COURIER);

    public byte[] render(CertificateDocument doc) {
        try (PDDocument pdf = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDDocumentInformation info = pdf.getDocumentInformation();
            info.setTitle("Certificate of Reforestation - " + doc.periodLabel());
            info.setSubject(doc.accountName());
            info.setCreator("Canopy certificate-service");
            PDPage page = new PDPage(A4_LANDSCAPE);
            pdf.addPage(page);
            try (PDPageContentStream c = new PDPageContentStream(pdf, page)) {
                draw(c, doc);
            }
            pdf.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render certificate " + doc.certificateId(), e);
        }
    }

    private void draw(PDPageContentStream c, CertificateDocument doc) throws IOException {
        float w = A4_LANDSCAPE.getWidth();
        float h = A4_LANDSCAPE.getHeight();
        float mid = w / 2;

        c.setNonStrokingColor(PAPER);
        c.addRect(0, 0, w, h);
        c.fill();
        frame(c, w, h);
        tree(c, mid, h - 136, 1.0f);
        tree(c, 92, 92, 0.7f);
        tree(c, w - 92, 92, 0.7f);

        centered(c, "C A N O P Y", sansBold, 10, FOREST, mid, h - 64);
        centered(c, "Certificate of Reforestation", serifBold, 34, FOREST, mid, h - 176);
        centered(c, "This certifies that", serifItalic, 14, MUTED, mid, h - 206);
        centeredWithin(c, doc.accountName(), sansBold, 17, INK, mid, h - 232, w - 240);
        centered(c, "offset the paper it printed in " + doc.periodLabel() + " with the planting of", serifItalic, 14, MUTED,
                mid, h - 258);
        centered(c, doc.trees() + " trees", serifBold, 46, LEAF, mid, h - 310);
        centered(c, "planted with " + doc.forestryProject(), serif, 15, INK, mid, h - 336);

        float y = h - 374;
        float labelX = mid - 190;
        float valueX = mid + 190;
        line(c, labelX, valueX, y, "Standard pages in " + doc.periodLabel(), doc.pages(), false);
        if (doc.hasPriorPeriodPages()) {
            y -= 18;
            line(c, labelX, valueX, y, "Prior-period pages (received after their month closed)", doc.priorPeriodPages(),
                    false);
        }
        y -= 8;
        c.setStrokingColor(MUTED);
        c.setLineWidth(0.5f);
        c.moveTo(labelX, y);
        c.lineTo(valueX, y);
        c.stroke();
        y -= 14;
        line(c, labelX, valueX, y, "Total standard pages", doc.totalPages(), true);
        y -= 16;
        centered(c, "One tree for every " + doc.pagesPerTree() + " standard pages", sans, 9, MUTED, mid, y);

        // Footer: identity and seal on the left, verification on the right.
        float footY = 88;
        text(c, "Certificate " + doc.certificateId(), sans, 8, MUTED, 150, footY + 24);
        text(c, "Issued " + doc.issuedOn() + "  -  covers " + doc.depositCount() + " ledger deposits", sans, 8, MUTED, 150,
                footY + 13);
        text(c, "SHA-256 seal", sansBold, 8, FOREST, 150, footY);
        text(c, doc.sealFirstHalf(), mono, 8, INK, 150, footY - 11);
        text(c, doc.sealSecondHalf(), mono, 8, INK, 150, footY - 21);
        rightAligned(c, "Verify this certificate", sansBold, 8, FOREST, w - 150, footY + 24);
        rightAligned(c, doc.verifyUrl(), sans, 7, INK, w - 150, footY + 13);
    }

    private void frame(PDPageContentStream c, float w, float h) throws IOException {
        c.setStrokingColor(FOREST);
        c.setLineWidth(3f);
        c.addRect(24, 24, w - 48, h - 48);
        c.stroke();
        c.setLineWidth(0.8f);
        c.addRect(32, 32, w - 64, h - 64);
        c.stroke();
    }

    /** A stylised conifer: three stacked triangles on a trunk. */
    private void tree(PDPageContentStream c, float x, float baseY, float scale) throws IOException {
        c.setNonStrokingColor(new Color(0x6b, 0x4f, 0x2f));
        c.addRect(x - 3 * scale, baseY, 6 * scale, 10 * scale);
        c.fill();
        c.setNonStrokingColor(LEAF);
        for (int tier = 0; tier < 3; tier++) {
            float bottom = baseY + (10 + tier * 12) * scale;
            float half = (22 - tier * 5) * scale;
            c.moveTo(x - half, bottom);
            c.lineTo(x + half, bottom);
            c.lineTo(x, bottom + 24 * scale);
            c.closePath();
            c.fill();
        }
    }

    private void line(PDPageContentStream c, float left, float right, float y, String label, String value, boolean bold)
            throws IOException {
        text(c, label, bold ? sansBold : sans, 11, INK, left, y);
        rightAligned(c, value, bold ? sansBold : sans, 11, INK, right, y);
    }

    private void centered(PDPageContentStream c, String s, PDFont font, float size, Color color, float x, float y)
            throws IOException {
        String safe = printable(font, s);
        text(c, safe, font, size, color, x - width(font, size, safe) / 2, y);
    }

    /**
     * Centred on one line no wider than {@code maxWidth}: a long name (registry allows 200
     * characters) is set smaller, down to 10 pt, and only then shortened with an ellipsis.
     */
    private void centeredWithin(PDPageContentStream c, String s, PDFont font, float size, Color color, float x, float y,
            float maxWidth) throws IOException {
        String safe = printable(font, s);
        float fitted = Math.max(10f, Math.min(size, size * maxWidth / Math.max(1f, width(font, size, safe))));
        if (width(font, fitted, safe) > maxWidth) {
            String cut = safe;
            while (cut.length() > 1 && width(font, fitted, cut + "...") > maxWidth) {
                cut = cut.substring(0, cut.length() - 1);
            }
            safe = cut.stripTrailing() + "...";
        }
        text(c, safe, font, fitted, color, x - width(font, fitted, safe) / 2, y);
    }

    private void rightAligned(PDPageContentStream c, String s, PDFont font, float size, Color color, float x, float y)
            throws IOException {
        String safe = printable(font, s);
        text(c, safe, font, size, color, x - width(font, size, safe), y);
    }

    private void text(PDPageContentStream c, String s, PDFont font, float size, Color color, float x, float y)
            throws IOException {
        c.beginText();
        c.setFont(font, size);
        c.setNonStrokingColor(color);
        c.newLineAtOffset(x, y);
        c.showText(printable(font, s));
        c.endText();
    }

    private static float width(PDFont font, float size, String s) throws IOException {
        return font.getStringWidth(s) / 1000f * size;
    }

    /**
     * The standard fonts cover WinAnsi only; a configured project name may hold other characters.
     * Those print as '?' rather than failing the whole certificate.
     */
    static String printable(PDFont font, String s) {
        StringBuilder out = new StringBuilder(s.length());
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            try {
                font.encode(ch);
                out.append(ch);
            } catch (IOException | IllegalArgumentException e) {
                out.append('?');
            }
        });
        return out.toString();
    }
}
