package dev.chatsuite.testsupport;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

import javax.imageio.ImageIO;

/** Files for upload tests, made in memory: real images, an image with GPS EXIF, a decompression bomb, a PDF. */
public final class TestImages {

    private TestImages() {
    }

    public static byte[] png(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_ARGB), "png");
    }

    public static byte[] jpeg(int width, int height) {
        return encode(picture(width, height, BufferedImage.TYPE_INT_RGB), "jpeg");
    }

    /** A JPEG whose APP1 segment holds an EXIF block with a GPS IFD, as a phone camera writes. */
    public static byte[] jpegWithGps() {
        byte[] jpeg = jpeg(64, 48);
        byte[] tiff = exifWithGps();
        byte[] exif = new byte[6 + tiff.length];
        System.arraycopy("Exif\0\0".getBytes(StandardCharsets.ISO_8859_1), 0, exif, 0, 6);
        System.arraycopy(tiff, 0, exif, 6, tiff.length);
        ByteBuffer out = ByteBuffer.allocate(jpeg.length + 4 + exif.length);
        out.put(jpeg, 0, 2);
        out.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (exif.length + 2)).put(exif);
        out.put(jpeg, 2, jpeg.length - 2);
        return out.array();
    }

    /** A valid, tiny PNG whose header claims {@code width} × {@code height} pixels. */
    public static byte[] pngClaiming(int width, int height) {
        byte[] png = png(1, 1);
        ByteBuffer buffer = ByteBuffer.wrap(png);
        // Signature (8), IHDR length (4), "IHDR" (4): width and height follow.
        buffer.putInt(16, width).putInt(20, height);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        buffer.putInt(29, (int) crc.getValue());
        return png;
    }

    /** A minimal PDF document. */
    public static byte[] pdf() {
        String body = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n"
                + "trailer<</Root 1 0 R>>\n%%EOF\n";
        return body.getBytes(StandardCharsets.US_ASCII);
    }

    /** A PDF of exactly {@code size} bytes: the minimal document, then pseudo-random filler. */
    public static byte[] pdf(int size) {
        byte[] head = pdf();
        byte[] file = new byte[size];
        new java.util.Random(size).nextBytes(file);
        System.arraycopy(head, 0, file, 0, head.length);
        return file;
    }

    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** True when {@code bytes} contains {@code marker} (an ASCII string) anywhere. */
    public static boolean contains(byte[] bytes, String marker) {
        byte[] needle = marker.getBytes(StandardCharsets.ISO_8859_1);
        outer:
        for (int i = 0; i + needle.length <= bytes.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (bytes[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    private static BufferedImage picture(int width, int height, int type) {
        BufferedImage image = new BufferedImage(width, height, type);
        Graphics2D g = image.createGraphics();
        g.setColor(new Color(30, 120, 200));
        g.fillRect(0, 0, width, height);
        g.setColor(Color.ORANGE);
        g.fillOval(width / 4, height / 4, Math.max(1, width / 2), Math.max(1, height / 2));
        g.dispose();
        return image;
    }

    private static byte[] encode(BufferedImage image, String format) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, format, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Big-endian TIFF: IFD0 with one GPSInfo pointer; GPS IFD with a latitude reference "N" and a marker string. */
    private static byte[] exifWithGps() {
        ByteBuffer tiff = ByteBuffer.allocate(128);
        tiff.put("MM".getBytes(StandardCharsets.US_ASCII)).putShort((short) 42).putInt(8);
        tiff.putShort((short) 1);
        tiff.putShort((short) 0x8825).putShort((short) 4).putInt(1).putInt(26);
        tiff.putInt(0);
        tiff.putShort((short) 2);
        tiff.putShort((short) 0x0001).putShort((short) 2).putInt(2).put("N\0\0\0".getBytes(StandardCharsets.US_ASCII));
        tiff.putShort((short) 0x001B).putShort((short) 7).putInt(12).putInt(56);
        tiff.putInt(0);
        tiff.put("GPSSECRETXYZ".getBytes(StandardCharsets.US_ASCII));
        byte[] bytes = new byte[tiff.position()];
        tiff.flip().get(bytes);
        return bytes;
    }
}
