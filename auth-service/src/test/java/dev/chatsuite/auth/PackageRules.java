package dev.chatsuite.auth;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.List;
import java.util.Set;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

/**
 * A service's package rules: its packages are floors. The root package and the named ground
 * packages are the ground floor; every other package directly under the root is a feature. A
 * feature may use its own package, the ground and code outside the service; the ground may use
 * only the ground; no package cycles; no service's packages but its own.
 */
record PackageRules(String root, Set<String> ground, List<String> otherServices) {

    /** The package directly under the root that holds {@code type} ("" for the root), or null outside the service. */
    String floorOf(JavaClass type) {
        String name = type.getBaseComponentType().getPackageName();
        if (name.equals(root)) {
            return "";
        }
        if (!name.startsWith(root + ".")) {
            return null;
        }
        String rest = name.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    boolean isGround(String floor) {
        return floor.isEmpty() || ground.contains(floor);
    }

    ArchRule noCycles() {
        return slices().assignedFrom(new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass type) {
                String floor = floorOf(type);
                return floor == null ? SliceIdentifier.ignore() : SliceIdentifier.of(floor.isEmpty() ? "(root)" : floor);
            }

            @Override
            public String getDescription() {
                return "the packages of " + root;
            }
        }).should().beFreeOfCycles();
    }

    ArchRule noOtherService() {
        return noClasses().that().resideInAPackage(root + "..")
                .should().dependOnClassesThat().resideInAnyPackage(otherServices.stream().map(p -> p + "..").toArray(String[]::new));
    }

    ArchRule featuresAreLeaves() {
        return classes().that().resideInAPackage(root + "..").should(new ArchCondition<JavaClass>(
                "use only their own package, the ground packages " + ground + " and code outside " + root) {
            @Override
            public void check(JavaClass type, ConditionEvents events) {
                String from = floorOf(type);
                for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                    String to = floorOf(dependency.getTargetClass());
                    if (to != null && !to.equals(from) && !isGround(to)) {
                        events.add(SimpleConditionEvent.violated(dependency, (isGround(from) ? "ground" : "feature")
                                + " package '" + from + "' uses feature package '" + to + "': " + dependency.getDescription()));
                    }
                }
            }
        });
    }

    List<ArchRule> all() {
        return List.of(noCycles(), noOtherService(), featuresAreLeaves());
    }
}
