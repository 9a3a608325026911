package dev.chatsuite.gateway.arch;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/** The gateway's package floors hold, and the same rules fail on a fixture that breaks each. */
class PackageRulesTest {

    private static final String ROOT = "dev.chatsuite.gateway";
    private static final String FIXTURE = "dev.chatsuite.gateway.arch.fixture";
    private static final JavaClasses GATEWAY = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);
    private static final JavaClasses BROKEN = new ClassFileImporter().importPackages(FIXTURE);

    @Test
    void shouldHaveNoPackageCycle() {
        PackageRules.noCycles(ROOT).check(GATEWAY);
    }

    @Test
    void shouldImportNoOtherServicesPackages() {
        PackageRules.ownPackagesOnly(ROOT).check(GATEWAY);
    }

    @Test
    void shouldPutEveryPackageOnAFloor() {
        PackageRules.everyPackageHasAFloor(ROOT).check(GATEWAY);
    }

    @Test
    void shouldKeepTheGroundBelowTheFeatures() {
        PackageRules.groundBelowFeatures(ROOT).check(GATEWAY);
    }

    @Test
    void shouldKeepFeaturesAsLeaves() {
        PackageRules.featuresAreLeaves(ROOT).check(GATEWAY);
    }

    @Test
    void shouldFailOnACycle() {
        assertThatThrownBy(() -> PackageRules.noCycles(FIXTURE).check(BROKEN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected").hasMessageContaining("fixture.guard.Guard").hasMessageContaining("fixture.session.Session");
    }

    @Test
    void shouldFailOnAnotherModulesPackage() {
        assertThatThrownBy(() -> PackageRules.ownPackagesOnly(FIXTURE).check(BROKEN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.caller.Caller").hasMessageContaining("dev.chatsuite.testsupport.TestTokens.jwksJson()");
    }

    @Test
    void shouldFailOnAPackageWithoutAFloor() {
        assertThatThrownBy(() -> PackageRules.everyPackageHasAFloor(FIXTURE).check(BROKEN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.extra.Stray");
    }

    @Test
    void shouldFailOnAGroundPackageImportingAFeature() {
        assertThatThrownBy(() -> PackageRules.groundBelowFeatures(FIXTURE).check(BROKEN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("fixture.route.Table").hasMessageContaining("fixture.guard.Guard");
    }

    @Test
    void shouldFailOnAFeatureImportingAnotherFeature() {
        assertThatThrownBy(() -> PackageRules.featuresAreLeaves(FIXTURE).check(BROKEN)).isInstanceOf(AssertionError.class)
                .hasMessageContaining(FIXTURE + ".guard.Guard.session()").hasMessageContaining(FIXTURE + ".session.Session.guard()");
    }
}
