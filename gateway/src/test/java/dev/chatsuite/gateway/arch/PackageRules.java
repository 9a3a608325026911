package dev.chatsuite.gateway.arch;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;

/**
 * The gateway's packages as floors (docs/architecture.md): ground packages, lowest first, each
 * using only the floors below it; feature packages that use the ground only, never each other;
 * the pipeline on top. {@code root} is the service's root package, so the same rules can be
 * shown to fail on a deliberately broken fixture.
 */
final class PackageRules {

    /** Ground floors, lowest first ("" is the root package: configuration and problem kinds). */
    static final List<String> GROUND = List.of("", "route", "body", "backend", "caller");
    /** Feature packages: leaves on the ground. */
    static final List<String> FEATURES = List.of("guard", "session", "upstream", "spa");
    /** Wires the features into the one pipeline. */
    static final List<String> TOP = List.of("pipeline");

    private PackageRules() {
    }

    /** No package imports a package that imports it back, however long the way round. */
    static ArchRule noCycles(String root) {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles().allowEmptyShould(true);
    }

    /** Only the service's own packages and common: never another service's or module's. */
    static ArchRule ownPackagesOnly(String root) {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat(resideInAPackage("dev.chatsuite..").and(not(resideInAnyPackage(root + "..", "dev.chatsuite.common.."))))
                .allowEmptyShould(true);
    }

    /** A package without a floor would escape the other rules. */
    static ArchRule everyPackageHasAFloor(String root) {
        String[] known = Stream.of(GROUND, FEATURES, TOP).flatMap(List::stream).map(p -> name(root, p)).toArray(String[]::new);
        return classes().that().resideInAPackage(root + "..").should().resideInAnyPackage(known).allowEmptyShould(true);
    }

    /** Each ground floor uses only the floors below it. */
    static ArchRule groundBelowFeatures(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (int floor = 0; floor < GROUND.size(); floor++) {
            List<String> above = new ArrayList<>(GROUND.subList(floor + 1, GROUND.size()));
            above.addAll(FEATURES);
            above.addAll(TOP);
            rules.add(noClasses().that().resideInAPackage(name(root, GROUND.get(floor)))
                    .should().dependOnClassesThat().resideInAnyPackage(names(root, above))
                    .because("a ground floor uses only the floors below it").allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    /** Features share only through the ground: no feature imports another, or the pipeline. */
    static ArchRule featuresAreLeaves(String root) {
        List<ArchRule> rules = new ArrayList<>();
        for (String feature : FEATURES) {
            List<String> others = new ArrayList<>(FEATURES);
            others.remove(feature);
            others.addAll(TOP);
            rules.add(noClasses().that().resideInAPackage(name(root, feature))
                    .should().dependOnClassesThat().resideInAnyPackage(names(root, others))
                    .because("features share only through the ground packages").allowEmptyShould(true));
        }
        return CompositeArchRule.of(rules);
    }

    private static String name(String root, String pkg) {
        return pkg.isEmpty() ? root : root + "." + pkg;
    }

    private static String[] names(String root, List<String> packages) {
        return packages.stream().map(p -> name(root, p) + "..").toArray(String[]::new);
    }
}
