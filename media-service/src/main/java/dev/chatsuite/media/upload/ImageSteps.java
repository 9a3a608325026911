package dev.chatsuite.media.upload;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;

/** The image steps {@link UploadPreparer} runs, as a seam so that their concurrency can be observed in tests. */
interface ImageSteps {

    ImageSteps IMAGE_IO = new ImageSteps() {
    };

    default ImageWork.Dimensions dimensions(Path file) throws ImageWork.UndecodableImageException {
        return ImageWork.dimensions(file);
    }

    default BufferedImage decode(Path file) throws ImageWork.UndecodableImageException {
        return ImageWork.decode(file);
    }

    default void encode(BufferedImage image, String format, Path target) throws IOException {
        ImageWork.encode(image, format, target);
    }

    default ImageWork.Thumbnail thumbnail(BufferedImage image, int longestSide) throws IOException {
        return ImageWork.thumbnail(image, longestSide);
    }
}
