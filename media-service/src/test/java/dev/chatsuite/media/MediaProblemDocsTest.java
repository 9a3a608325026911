package dev.chatsuite.media;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.chatsuite.testsupport.ProblemCatalogue;

class MediaProblemDocsTest {

    private static final Path DOC = ProblemCatalogue.docs("errors-media.md");

    @Test
    void shouldDocumentEveryMediaProblemAndNoOther() {
        ProblemCatalogue.assertDocumented(DOC, null, MediaProblem.values());
    }

    @Test
    void shouldFailWhenAConstantIsMissingFromTheDocs(@TempDir Path dir) throws IOException {
        Path withoutOne = Files.writeString(dir.resolve("errors-media.md"),
                Files.readString(DOC).replaceAll("(?m)^\\| `fields-too-large` .*\\n", ""));

        assertThatThrownBy(() -> ProblemCatalogue.assertDocumented(withoutOne, null, MediaProblem.values()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("fields-too-large");
    }

    @Test
    void shouldFailWhenTheDocsNameASlugTheCodeLacks() {
        MediaProblem[] withoutOne = Arrays.stream(MediaProblem.values()).filter(p -> p != MediaProblem.BAD_SIGNATURE).toArray(MediaProblem[]::new);

        assertThatThrownBy(() -> ProblemCatalogue.assertDocumented(DOC, null, withoutOne))
                .isInstanceOf(AssertionError.class).hasMessageContaining("bad-signature");
    }
}
