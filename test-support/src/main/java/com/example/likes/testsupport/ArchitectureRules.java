package com.example.likes.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every service keeps, checked by one ArchUnit test per service:
 * services talk to each other only through the shared protos, edges stay thin, features don't form cycles.
 */
public final class ArchitectureRules {

    private ArchitectureRules() {}

    /** A service never imports another service's code; the gRPC contract in {@code shared-protos} is the only link. */
    public static ArchRule servicesDoNotImportEachOther(String ownPackage) {
        return noClasses()
                .that()
                .resideInAPackage(ownPackage + "..")
                .should()
                .dependOnClassesThat(resideInAPackage("com.example.likes..")
                        .and(resideOutsideOfPackages(
                                ownPackage + "..", "com.example.likes.platform..", "com.example.likes.protos..")))
                .because("services share only the gRPC contract and the platform");
    }

    /** REST controllers and gRPC services translate and delegate; only the use-case services touch repositories. */
    public static ArchRule edgesDoNotTouchRepositories(String ownPackage) {
        return noClasses()
                .that()
                .resideInAPackage(ownPackage + "..")
                .and()
                .haveSimpleNameEndingWith("Controller")
                .or()
                .haveSimpleNameEndingWith("GrpcService")
                .should()
                .dependOnClassesThat()
                .haveSimpleNameEndingWith("Repository")
                .because("edges translate and delegate to the service class where the rules live");
    }

    /** Feature packages ({@code user}, {@code product}, {@code like} ...) may use each other, but never in a cycle. */
    public static ArchRule featuresAreFreeOfCycles(String ownPackage) {
        return slices().matching(ownPackage + ".(*)..").should().beFreeOfCycles();
    }
}
