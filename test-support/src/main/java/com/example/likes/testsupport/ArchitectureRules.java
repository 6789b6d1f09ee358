package com.example.likes.testsupport;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.methods;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

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
     * One simple name, one type, in each file: no class (with the classes nested in it) uses two types of the same
     * simple name, such as an entity {@code Product} and the proto message {@code Product}, since one of them would
     * then be spelled out by its package. Rename the service's own type; the proto contract keeps its names.
     */
    public static ArchRule noFileUsesTwoTypesOfOneSimpleName(String ownPackage) {
        return classes()
                .that()
                .resideInAPackage(ownPackage + "..")
                .should(new UseOneTypePerSimpleName())
                .because("a reader should never have to tell two types of one name apart by their packages")
                .allowEmptyShould(true);
    }

    /** No package repeats its parent's name ({@code product.product}): a feature's package says what the feature is. */
    public static ArchRule noPackageIsNamedLikeItsParent(String ownPackage) {
        return classes()
                .that()
                .resideInAPackage(ownPackage + "..")
                .should(new ArchCondition<JavaClass>("reside in a package not named like its parent") {
                    @Override
                    public void check(JavaClass item, ConditionEvents events) {
                        String[] segments = item.getPackageName().split("\\.");
                        for (int i = 1; i < segments.length; i++) {
                            if (segments[i].equals(segments[i - 1])) {
                                events.add(SimpleConditionEvent.violated(
                                        item,
                                        "%s resides in %s, a package named like its parent"
                                                .formatted(item.getName(), item.getPackageName())));
                                return;
                            }
                        }
                    }
                })
                .because("a package name says what lives there, which its parent's name does not")
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

    /**
     * Checks each top-level class together with the classes nested in it (one source file): the types they depend on,
     * nested types counted as their top-level type, must differ in their simple names.
     */
    private static final class UseOneTypePerSimpleName extends ArchCondition<JavaClass> {

        private final Map<String, List<JavaClass>> byFile = new HashMap<>();

        UseOneTypePerSimpleName() {
            super("use no two types of one simple name");
        }

        @Override
        public void init(Collection<JavaClass> all) {
            byFile.clear();
            byFile.putAll(all.stream().collect(Collectors.groupingBy(ArchitectureRules::topLevelName)));
        }

        @Override
        public void check(JavaClass item, ConditionEvents events) {
            if (!item.getName().equals(topLevelName(item))) {
                return;
            }
            Map<String, Set<String>> typesBySimpleName = new TreeMap<>();
            for (JavaClass member : byFile.getOrDefault(item.getName(), List.of(item))) {
                for (Dependency dependency : member.getDirectDependenciesFromSelf()) {
                    JavaClass target = dependency.getTargetClass().getBaseComponentType();
                    // ArchUnit reports the type of every member of an annotation, defaults included (OpenAPI's
                    // @Operation has a requestBody member of its own RequestBody type), and a file never names
                    // those; the annotation itself still counts.
                    if (target.isPrimitive() || dependency.getDescription().contains("has annotation member of type")) {
                        continue;
                    }
                    String type = topLevelName(target);
                    typesBySimpleName
                            .computeIfAbsent(type.substring(type.lastIndexOf('.') + 1), name -> new TreeSet<>())
                            .add(type);
                }
            }
            typesBySimpleName.forEach((simpleName, types) -> {
                if (types.size() > 1) {
                    events.add(SimpleConditionEvent.violated(
                            item,
                            "%s uses %d types named %s: %s"
                                    .formatted(item.getName(), types.size(), simpleName, types)));
                }
            });
        }
    }

    // A nested class belongs to the file of its outermost class: Outer$Inner$Deeper is Outer.
    private static String topLevelName(JavaClass type) {
        String name = type.getName();
        int nested = name.indexOf('$', name.lastIndexOf('.') + 1);
        return nested < 0 ? name : name.substring(0, nested);
    }
}
