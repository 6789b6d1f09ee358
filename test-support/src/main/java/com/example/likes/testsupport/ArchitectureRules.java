package com.example.likes.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The architecture rules every service keeps, checked by one ArchUnit test per service:
 * services talk to each other only through the shared protos, edges stay thin, features don't form cycles, and
 * every service follows the same conventions, so that whichever one a newcomer copies reads like the others.
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

    /**
     * Every gRPC service implementation is Spring gRPC's {@code @GrpcService} (not a plain {@code @Service}), so that
     * each service registers its gRPC services the same way.
     */
    public static ArchRule grpcServicesAreSpringGrpcServices(String ownPackage) {
        return classes()
                .that()
                .resideInAPackage(ownPackage + "..")
                .and()
                .areAssignableTo("io.grpc.BindableService")
                .should()
                .beAnnotatedWith("org.springframework.grpc.server.service.GrpcService")
                .because("every service registers its gRPC services one way")
                .allowEmptyShould(true);
    }

    /**
     * A response record is made from what it shows by a static {@code from(...)}, as in
     * {@code ProductResponse.from(product)}: the same factory name in every service.
     */
    public static ArchRule responsesAreMadeWithFrom(String ownPackage) {
        return methods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(ownPackage + "..")
                .and()
                .areDeclaredInClassesThat()
                .haveSimpleNameEndingWith("Response")
                .and()
                .areStatic()
                .and()
                .doNotHaveModifier(JavaModifier.SYNTHETIC)
                .should()
                .haveName("from")
                .because("a newcomer finds one factory name in every service")
                .allowEmptyShould(true);
    }

    /**
     * Entities have record-style accessors ({@code id()}, {@code createdAt()}), like the records around them, not
     * JavaBean getters; Spring Data JDBC reads the fields (or a record's components), so the accessors are free to
     * follow the code's own style.
     */
    public static ArchRule entitiesHaveRecordStyleAccessors(String ownPackage) {
        return noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(ownPackage + "..")
                .and()
                .areDeclaredInClassesThat()
                .areAnnotatedWith("org.springframework.data.relational.core.mapping.Table")
                .should()
                .haveNameMatching("(get|is)[A-Z].*")
                .because("entities read like the records around them, in every service")
                .allowEmptyShould(true);
    }
}
