package dev.chatsuite.media;

import static com.tngtech.archunit.base.DescribedPredicate.alwaysTrue;
import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.stream.Stream;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The package rules of a service whose code lives under {@code root}: its own packages are
 * either ground floors (the root package and {@code ground}), which anyone may import, or
 * feature packages ({@code features}), which are leaves: nothing imports them.
 */
record PackageRules(String root, List<String> ground, List<String> features) {

    /** Every package is classified, so that a new one must be placed on a floor. */
    ArchRule everyPackageHasAFloor() {
        return classes().that().resideInAPackage(root + "..").should().resideInAnyPackage(allPackages())
                .as("every package of " + root + " is a ground or a feature package");
    }

    /** No package imports a package that imports it back, however long the way round. */
    ArchRule noCycles() {
        // Matched from the parent, so that the root package is a slice of its own too.
        return slices().matching(root.substring(0, root.lastIndexOf('.')) + ".(**)").should().beFreeOfCycles().as("packages of " + root + " are free of cycles");
    }

    /** Within dev.chatsuite, only the service's own packages and common. */
    ArchRule noOtherService() {
        return noClasses().that().resideInAPackage(root + "..").should().dependOnClassesThat(
                resideInAPackage("dev.chatsuite..").and(not(resideInAnyPackage(root + "..", "dev.chatsuite.common.."))))
                .as("classes of " + root + " import no other service's packages");
    }

    /** A package imports no feature package but its own: features only import the ground floors. */
    ArchRule featuresAreLeaves() {
        return slices().matching(root + ".(*)..").should().notDependOnEachOther()
                .ignoreDependency(alwaysTrue(), resideInAnyPackage(groundPackages()))
                .as("no package of " + root + " imports a feature package (features import only " + ground + " and the root)");
    }

    /** The root package (flat) imports none of the feature packages either. */
    ArchRule rootImportsNoFeature() {
        return noClasses().that().resideInAPackage(root).should().dependOnClassesThat().resideInAnyPackage(featurePackages())
                .allowEmptyShould(true)
                .as("the root package of " + root + " imports no feature package");
    }

    List<ArchRule> all() {
        return List.of(everyPackageHasAFloor(), noCycles(), noOtherService(), featuresAreLeaves(), rootImportsNoFeature());
    }

    private String[] groundPackages() {
        return Stream.concat(Stream.of(root), ground.stream().map(p -> root + "." + p + "..")).toArray(String[]::new);
    }

    private String[] featurePackages() {
        return features.stream().map(p -> root + "." + p + "..").toArray(String[]::new);
    }

    private String[] allPackages() {
        return Stream.concat(Stream.of(groundPackages()), Stream.of(featurePackages())).toArray(String[]::new);
    }
}
