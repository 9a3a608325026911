package dev.chatsuite.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.EvaluationResult;

/** auth-service's packages as floors (docs/architecture.md), and proof that each rule can fail. */
class PackageRulesTest {

    private static final PackageRules AUTH = new PackageRules("dev.chatsuite.auth", Set.of("user", "credential"),
            List.of("dev.chatsuite.messaging", "dev.chatsuite.media", "dev.chatsuite.gateway"));

    private static final PackageRules FIXTURE = new PackageRules("dev.chatsuite.archfixture.service", Set.of("ground"),
            List.of("dev.chatsuite.archfixture.otherservice"));

    @Test
    void shouldKeepAuthsPackagesAsAGroundFloorAndLeaves() {
        JavaClasses main = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.chatsuite.auth");
        assertThat(main.contain(AuthConfig.class)).as("main classes imported").isTrue();
        AUTH.all().forEach(rule -> rule.check(main));
    }

    @Test
    void shouldReportACycleAFeatureImportAGroundImportAndAnotherService() {
        JavaClasses bad = new ClassFileImporter().importPackages("dev.chatsuite.archfixture");

        EvaluationResult cycles = FIXTURE.noCycles().evaluate(bad);
        assertThat(cycles.hasViolation()).isTrue();
        assertThat(cycles.getFailureReport().toString()).contains("alpha").contains("beta");

        EvaluationResult other = FIXTURE.noOtherService().evaluate(bad);
        assertThat(other.hasViolation()).isTrue();
        assertThat(other.getFailureReport().getDetails()).anyMatch(line -> line.contains("Beta") && line.contains("Foreign"));

        List<String> leaves = FIXTURE.featuresAreLeaves().evaluate(bad).getFailureReport().getDetails();
        assertThat(leaves).anyMatch(line -> line.startsWith("feature package 'alpha' uses feature package 'beta'"));
        assertThat(leaves).anyMatch(line -> line.startsWith("feature package 'beta' uses feature package 'alpha'"));
        assertThat(leaves).anyMatch(line -> line.startsWith("ground package 'ground' uses feature package 'alpha'"));
        assertThat(leaves).noneMatch(line -> line.contains("uses feature package 'ground'"));
    }
}
