package dev.chatsuite.media.upload;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Set;

/**
 * Removes the EXIF and XMP chunks from a WebP file (RIFF container) and clears their flags in
 * the VP8X header, leaving the image data untouched: Java has no WebP encoder, and re-encoding
 * would lose quality anyway. Anything malformed is refused rather than passed through.
 */
final class WebpMetadata {

    private static final Set<String> DROPPED = Set.of("EXIF", "XMP ");
    private static final int EXIF_FLAG = 0x08;
    private static final int XMP_FLAG = 0x04;

    private WebpMetadata() {
    }

    static byte[] strip(byte[] webp) {
        ByteBuffer in = ByteBuffer.wrap(webp).order(ByteOrder.LITTLE_ENDIAN);
        if (webp.length < 12 || !"RIFF".equals(fourCc(in, 0)) || !"WEBP".equals(fourCc(in, 8))) {
            throw new IllegalArgumentException("not a WebP file");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(webp.length);
        out.write(webp, 0, 12);
        int end = (int) Math.min(webp.length, 8L + Integer.toUnsignedLong(in.getInt(4)));
        int at = 12;
        while (at + 8 <= end) {
            String id = fourCc(in, at);
            long size = Integer.toUnsignedLong(in.getInt(at + 4));
            long padded = size + (size & 1);
            if (at + 8 + size > end) {
                throw new IllegalArgumentException("truncated WebP chunk");
            }
            int length = (int) Math.min(8 + padded, end - at);
            if (!DROPPED.contains(id)) {
                int start = out.size();
                out.write(webp, at, length);
                if ("VP8X".equals(id)) {
                    byte[] buffer = out.toByteArray();
                    buffer[start + 8] &= (byte) ~(EXIF_FLAG | XMP_FLAG);
                    out.reset();
                    out.write(buffer, 0, buffer.length);
                }
            }
            at += length;
        }
        byte[] result = out.toByteArray();
        ByteBuffer.wrap(result).order(ByteOrder.LITTLE_ENDIAN).putInt(4, result.length - 8);
        return result;
    }

    private static String fourCc(ByteBuffer buffer, int at) {
        byte[] id = new byte[4];
        buffer.get(at, id);
        return new String(id, java.nio.charset.StandardCharsets.US_ASCII);
    }
}
