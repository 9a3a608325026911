package dev.chatsuite.media;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * media-service's packages as floors: the ground ({@code dev.chatsuite.media}, {@code caller},
 * {@code catalog}, {@code storage}) and the feature leaves ({@code upload}, {@code serving},
 * {@code sweep}); docs/architecture.md says what each owns. The fixtures under
 * {@code archfixture} show that each rule fails on the shape it forbids.
 */
class MediaArchitectureTest {

    static final PackageRules MEDIA = new PackageRules("dev.chatsuite.media",
            List.of("caller", "catalog", "storage"), List.of("upload", "serving", "sweep"));

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.chatsuite.media");

    @Test
    void shouldKeepMediasPackagesOnTheirFloors() {
        MEDIA.all().forEach(rule -> rule.check(MAIN));
    }

    @Test
    void shouldFailOnAPackageCycle() {
        String root = "dev.chatsuite.media.archfixture.cycle";
        PackageRules rules = new PackageRules(root, List.of("a", "b"), List.of());
        JavaClasses fixture = new ClassFileImporter().importPackages(root);

        assertThatThrownBy(() -> rules.noCycles().check(fixture)).isInstanceOf(AssertionError.class).hasMessageContaining("Cycle detected")
                .hasMessageContaining("Slice cycle ->").hasMessageContaining("Slice cycle.a");
        assertThatCode(() -> rules.featuresAreLeaves().check(fixture)).doesNotThrowAnyException();
    }

    @Test
    void shouldFailOnAFeatureImportingAnotherFeature() {
        String root = "dev.chatsuite.media.archfixture.crossing";
        PackageRules rules = new PackageRules(root, List.of("catalog"), List.of("upload", "serving"));
        JavaClasses fixture = new ClassFileImporter().importPackages(root);

        assertThatThrownBy(() -> rules.featuresAreLeaves().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("crossing.upload.Uploads").hasMessageContaining("crossing.serving.Reads")
                .hasMessageNotContaining("crossing.catalog.Rows>");
        assertThatCode(() -> rules.noCycles().check(fixture)).doesNotThrowAnyException();
    }

    @Test
    void shouldFailOnImportingAnotherServicesPackages() {
        String root = "dev.chatsuite.media.archfixture.foreign.mine";
        PackageRules rules = new PackageRules(root, List.of(), List.of());
        JavaClasses fixture = new ClassFileImporter().importPackages("dev.chatsuite.media.archfixture.foreign");

        assertThatThrownBy(() -> rules.noOtherService().check(fixture)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("foreign.theirs.TheirClass");
    }

    @Test
    void shouldFailOnAPackageWithoutAFloor() {
        PackageRules missingSweep = new PackageRules("dev.chatsuite.media", List.of("caller", "catalog", "storage"), List.of("upload", "serving"));

        assertThatThrownBy(() -> missingSweep.everyPackageHasAFloor().check(MAIN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("OrphanSweeper");
    }
}
