package com.example.likes.product;

import static com.example.likes.testsupport.ArchitectureRules.edgesDoNotTouchRepositories;
import static com.example.likes.testsupport.ArchitectureRules.entitiesHaveRecordStyleAccessors;
import static com.example.likes.testsupport.ArchitectureRules.featuresAreFreeOfCycles;
import static com.example.likes.testsupport.ArchitectureRules.grpcServicesAreSpringGrpcServices;
import static com.example.likes.testsupport.ArchitectureRules.noFileUsesTwoTypesOfOneSimpleName;
import static com.example.likes.testsupport.ArchitectureRules.noPackageIsNamedLikeItsParent;
import static com.example.likes.testsupport.ArchitectureRules.responsesAreMadeWithFrom;
import static com.example.likes.testsupport.ArchitectureRules.servicesDoNotImportEachOther;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "com.example.likes.product", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String OWN = "com.example.likes.product";

    @ArchTest
    static final ArchRule servicesDoNotImportEachOther = servicesDoNotImportEachOther(OWN);

    @ArchTest
    static final ArchRule edgesDoNotTouchRepositories = edgesDoNotTouchRepositories(OWN);

    @ArchTest
    static final ArchRule featuresAreFreeOfCycles = featuresAreFreeOfCycles(OWN);

    @ArchTest
    static final ArchRule grpcServicesAreSpringGrpcServices = grpcServicesAreSpringGrpcServices(OWN);

    @ArchTest
    static final ArchRule responsesAreMadeWithFrom = responsesAreMadeWithFrom(OWN);

    @ArchTest
    static final ArchRule entitiesHaveRecordStyleAccessors = entitiesHaveRecordStyleAccessors(OWN);

    @ArchTest
    static final ArchRule noFileUsesTwoTypesOfOneSimpleName = noFileUsesTwoTypesOfOneSimpleName(OWN);

    @ArchTest
    static final ArchRule noPackageIsNamedLikeItsParent = noPackageIsNamedLikeItsParent(OWN);
}
