package dev.chatsuite.media.upload;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.chatsuite.common.problem.ProblemException;
import dev.chatsuite.media.MediaConfig;
import dev.chatsuite.media.MediaProblem;
import dev.chatsuite.media.catalog.Purpose;

/**
 * Blocking, CPU-heavy checks and transformations of an uploaded file, run on worker threads:
 * type from the bytes, pixel count from the header, then a metadata-free copy and a
 * thumbnail (the size limit is enforced as the bytes arrive, in {@link FileSpool}). At most
 * {@code MEDIA_IMAGE_WORKERS} images are worked on at once, from decoding to the thumbnail, since
 * each decoded image (and its opaque copy and thumbnail) may take a few hundred megabytes.
 */
@ApplicationScoped
public class UploadPreparer {

    private static final Set<String> IMAGES = Set.of("image/jpeg", "image/png", "image/webp", "image/gif");
    private final MediaConfig config;
    private final TypeSniffer sniffer;
    private final Semaphore imageJobs;
    private final ImageSteps steps;

    @Inject
    public UploadPreparer(MediaConfig config, TypeSniffer sniffer) {
        this(config, sniffer, ImageSteps.IMAGE_IO);
    }

    UploadPreparer(MediaConfig config, TypeSniffer sniffer, ImageSteps steps) {
        this.config = config;
        this.sniffer = sniffer;
        this.steps = steps;
        this.imageJobs = new Semaphore(Math.max(1, config.imageWorkers()));
    }

    /** True for a type that is accepted and stored exactly as sent (not an image, which is re-encoded). */
    boolean storedAsSent(String type) {
        return config.allowedTypes().contains(type) && !IMAGES.contains(type);
    }

    /** What a purpose asks of a file's type: an avatar must be an image. */
    void checkPurpose(String type, Purpose purpose) {
        if (purpose == Purpose.AVATAR && !IMAGES.contains(type)) {
            throw MediaProblem.UNSUPPORTED_FILE_TYPE.exception("An avatar must be an image (JPEG, PNG, WebP or GIF).");
        }
    }

    PreparedUpload prepare(Path upload, Purpose purpose) throws IOException, InterruptedException {
        long size = Files.size(upload);
        if (size == 0) {
            throw MediaProblem.EMPTY_FILE.exception("The file is empty.");
        }
        String type = sniffer.detect(upload);
        if (!config.allowedTypes().contains(type)) {
            throw MediaProblem.UNSUPPORTED_FILE_TYPE.exception(
                    "The file's content is " + type + ", which is not accepted; allowed: " + String.join(", ", config.allowedTypes()) + ".");
        }
        checkPurpose(type, purpose);
        if (!IMAGES.contains(type)) {
            return new PreparedUpload(upload, false, type, size, null, null, null, null);
        }
        return prepareImage(upload, type);
    }

    PreparedUpload prepareImage(Path upload, String type) throws IOException, InterruptedException {
        ImageWork.Dimensions dimensions;
        try {
            dimensions = steps.dimensions(upload);
        } catch (ImageWork.UndecodableImageException e) {
            throw undecodable(type);
        }
        if (dimensions.pixels() > config.maxPixels()) {
            throw MediaProblem.IMAGE_TOO_LARGE.exception("The image is " + dimensions.width() + "x" + dimensions.height()
                    + " pixels; the limit is " + config.maxPixels() + " pixels.");
        }
        // The permit covers every step that holds decoded pixels, not only the decoding: the
        // re-encoding and the thumbnail keep the decoded image (and make copies) alive.
        imageJobs.acquire();
        try {
            return transform(upload, type, dimensions);
        } finally {
            imageJobs.release();
        }
    }

    private PreparedUpload transform(Path upload, String type, ImageWork.Dimensions dimensions) throws IOException {
        BufferedImage decoded;
        try {
            decoded = steps.decode(upload);
        } catch (ImageWork.UndecodableImageException e) {
            throw undecodable(type);
        }
        Path clean = Files.createTempFile(upload.getParent(), "clean-", ".bin");
        try {
            switch (type) {
                case "image/jpeg" -> steps.encode(decoded, "jpeg", clean);
                case "image/png" -> steps.encode(decoded, "png", clean);
                case "image/webp" -> Files.write(clean, WebpMetadata.strip(Files.readAllBytes(upload)));
                // GIF has no EXIF or GPS block, and re-encoding would flatten an animation to its first frame.
                default -> Files.copy(upload, clean, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            ImageWork.Thumbnail thumbnail = steps.thumbnail(decoded, config.thumbnailSize());
            return new PreparedUpload(clean, true, type, Files.size(clean), dimensions.width(), dimensions.height(), thumbnail,
                    etag(thumbnail.bytes()));
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(clean);
            if (e instanceof IllegalArgumentException) {
                throw MediaProblem.UNDECODABLE_IMAGE.exception("The file looks like " + type + " but is malformed.");
            }
            throw e;
        }
    }

    private static ProblemException undecodable(String type) {
        return MediaProblem.UNDECODABLE_IMAGE.exception("The file looks like " + type + " but cannot be decoded.");
    }

    private static String etag(byte[] bytes) {
        return quoted(sha256().digest(bytes));
    }

    private static String quoted(byte[] digest) {
        return "\"" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest) + "\"";
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
