package dev.chatsuite.media.upload;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;

import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;

/**
 * The CPU-heavy image steps, always run on a worker thread: read the dimensions from the
 * header (before any pixel is decoded, so a decompression bomb costs nothing), decode, write a
 * metadata-free copy, and make a thumbnail.
 */
final class ImageWork {

    static {
        // TwelveMonkeys' WebP reader registers through the service loader of the class loader
        // that first touches ImageIO; scan again so it is found under Quarkus' class loaders.
        ImageIO.scanForPlugins();
    }

    private ImageWork() {
    }

    record Dimensions(int width, int height) {
        long pixels() {
            return (long) width * height;
        }
    }

    record Thumbnail(byte[] bytes, String contentType) {
    }

    /** Width and height from the header alone; an unreadable header is an undecodable image. */
    static Dimensions dimensions(Path file) throws UndecodableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                return new Dimensions(reader.getWidth(0), reader.getHeight(0));
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException(e);
        }
    }

    /** The first frame, fully decoded. */
    static BufferedImage decode(Path file) throws UndecodableImageException {
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = reader(in);
            try {
                reader.setInput(in, true, true);
                return reader.read(0);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new UndecodableImageException(e);
        }
    }

    /** Writes the pixels alone (no EXIF, GPS, XMP, comments) as JPEG or PNG. */
    static void encode(BufferedImage image, String format, Path target) throws IOException {
        try (OutputStream out = Files.newOutputStream(target)) {
            write(image, format, out);
        }
    }

    static Thumbnail thumbnail(BufferedImage image, int longestSide) throws IOException {
        boolean alpha = image.getColorModel().hasAlpha();
        String format = alpha ? "png" : "jpeg";
        Thumbnails.Builder<BufferedImage> builder = Thumbnails.of(image);
        if (Math.max(image.getWidth(), image.getHeight()) > longestSide) {
            builder.size(longestSide, longestSide);
        } else {
            builder.scale(1.0);
        }
        BufferedImage scaled = builder.asBufferedImage();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(scaled, format, out);
        return new Thumbnail(out.toByteArray(), "image/" + format);
    }

    private static void write(BufferedImage image, String format, OutputStream target) throws IOException {
        BufferedImage pixels = "jpeg".equals(format) && image.getColorModel().hasAlpha() ? opaque(image) : image;
        ImageWriter writer = ImageIO.getImageWritersByFormatName(format).next();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(target)) {
            writer.setOutput(out);
            ImageWriteParam param = writer.getDefaultWriteParam();
            if ("jpeg".equals(format)) {
                param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
                param.setCompressionQuality(0.9f);
            }
            writer.write(null, new IIOImage(pixels, null, null), param);
        } finally {
            writer.dispose();
        }
    }

    private static BufferedImage opaque(BufferedImage image) {
        BufferedImage copy = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        java.awt.Graphics2D g = copy.createGraphics();
        try {
            g.drawImage(image, 0, 0, java.awt.Color.WHITE, null);
        } finally {
            g.dispose();
        }
        return copy;
    }

    private static ImageReader reader(ImageInputStream in) throws IOException {
        if (in == null) {
            throw new IOException("no input");
        }
        Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
        if (!readers.hasNext()) {
            throw new IOException("no reader for this image");
        }
        return readers.next();
    }

    static final class UndecodableImageException extends Exception {
        UndecodableImageException(Throwable cause) {
            super("undecodable image", cause);
        }
    }
}
