package dev.chatsuite.messaging;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * messaging-service's packages as floors (docs/architecture.md): a package imports only packages
 * of lower floors or of its own floor, never in a circle; the features on the top floor are
 * leaves that import no other feature; and no package imports another service's.
 */
class PackageRulesTest {

    private static final String ROOT = "dev.chatsuite.messaging";

    /** Ground first; "" is the root package (settings, problem kinds). */
    static final List<List<String>> FLOORS = List.of(
            List.of("", "caller", "page", "http", "readside"),
            List.of("participant", "directory", "attachment", "fanout"),
            List.of("message"),
            List.of("conversation", "realtime", "search"));

    private static final JavaClasses MAIN = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void shouldHaveNoPackageCycle() {
        noCycles(ROOT).check(MAIN);
    }

    @Test
    void shouldNotImportAnotherService() {
        noOtherService(ROOT).check(MAIN);
    }

    @Test
    void shouldImportOnlyLowerFloorsAndNoOtherFeature() {
        floors(ROOT).check(MAIN);
    }

    @Test
    void shouldFailOnACycleAnotherServiceOrAFeatureImportingAFeature() {
        String fixture = "dev.chatsuite.archfixture";
        JavaClasses classes = new ClassFileImporter().importPackages(fixture);
        assertThatThrownBy(() -> noCycles(fixture).check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("message").hasMessageContaining("conversation");
        assertThatThrownBy(() -> noOtherService(fixture).check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("dev.chatsuite.auth.archfixture.Stranger");
        assertThatThrownBy(() -> floors(fixture).check(classes)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("archfixture.realtime.Socket").hasMessageContaining("archfixture.message.Message");
    }

    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    static ArchRule noOtherService(String root) {
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.chatsuite.auth..", "dev.chatsuite.media..", "dev.chatsuite.gateway..", "dev.chatsuite.system..")
                .because("services talk over HTTP and Redis, never through each other's classes");
    }

    /** Each package imports nothing of a higher floor; a feature (top floor) imports no other feature. */
    static ArchRule floors(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (int floor = 0; floor < FLOORS.size(); floor++) {
            boolean top = floor == FLOORS.size() - 1;
            for (String pkg : FLOORS.get(floor)) {
                List<String> forbidden = new ArrayList<>();
                for (int above = floor + 1; above < FLOORS.size(); above++) {
                    FLOORS.get(above).forEach(p -> forbidden.add(packagePattern(root, p)));
                }
                if (top) {
                    FLOORS.get(floor).stream().filter(p -> !p.equals(pkg)).forEach(p -> forbidden.add(packagePattern(root, p)));
                }
                if (!forbidden.isEmpty()) {
                    rules.add(noClasses().that().resideInAPackage(packagePattern(root, pkg)).should().dependOnClassesThat()
                            .resideInAnyPackage(forbidden.toArray(String[]::new)).allowEmptyShould(true)
                            .because(top ? "a feature builds on the floors below it, never on another feature" : "a lower floor never reaches up"));
                }
            }
        }
        return CompositeArchRule.of(rules);
    }

    /** The package and its subpackages; the root package alone. */
    private static String packagePattern(String root, String pkg) {
        return pkg.isEmpty() ? root : root + "." + pkg + "..";
    }
}
