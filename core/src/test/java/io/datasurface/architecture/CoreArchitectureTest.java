package io.datasurface.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * core is plain Java that every service and the local platform build on: no framework but the
 * standalone template engine, no database or broker client, and package dependencies that run one
 * way (model, then diagnostics, yaml, lint, load, and governance, plan and the platform on top).
 */
class CoreArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.datasurface");

    @Test
    void coreUsesNoQuarkusButTheTemplateEngine() {
        noClasses().should().dependOnClassesThat(resideInAPackage("io.quarkus..").and(not(resideInAPackage("io.quarkus.qute.."))))
                .check(CORE);
    }

    @Test
    void coreTalksToNoDatabaseBrokerOrContainer() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "org.apache.kafka..", "jakarta..",
                "org.jboss..", "org.eclipse.jgit..").check(CORE);
    }

    @Test
    void onlyTheRenderersUseTheTemplateEngine() {
        noClasses().that().resideOutsideOfPackage("io.datasurface.render..").should().dependOnClassesThat()
                .resideInAPackage("io.quarkus.qute..").check(CORE);
    }

    @Test
    void theModelDependsOnNothingElseOfCore() {
        noClasses().that().resideInAPackage("io.datasurface.model..").should().dependOnClassesThat()
                .resideInAnyPackage("io.datasurface.diagnostics..", "io.datasurface.yaml..", "io.datasurface.lint..", "io.datasurface.load..",
                        "io.datasurface.kpsg..", "io.datasurface.governance..", "io.datasurface.plan..", "io.datasurface.render..",
                        "io.datasurface.events..")
                .check(CORE);
    }

    @Test
    void readingTheModelDoesNotDependOnLintingIt() {
        noClasses().that().resideInAnyPackage("io.datasurface.diagnostics..", "io.datasurface.yaml..").should().dependOnClassesThat()
                .resideInAnyPackage("io.datasurface.lint..", "io.datasurface.load..", "io.datasurface.governance..", "io.datasurface.plan..",
                        "io.datasurface.kpsg..", "io.datasurface.render..")
                .check(CORE);
    }

    @Test
    void lintDependsOnNothingThatUsesIt() {
        noClasses().that().resideInAPackage("io.datasurface.lint..").should().dependOnClassesThat()
                .resideInAnyPackage("io.datasurface.load..", "io.datasurface.governance..", "io.datasurface.plan..", "io.datasurface.render..")
                .check(CORE);
    }

    @Test
    void governanceIsAboutOwnershipAndCompatibilityOnly() {
        noClasses().that().resideInAPackage("io.datasurface.governance..").should().dependOnClassesThat()
                .resideInAnyPackage("io.datasurface.render..", "io.datasurface.plan..").check(CORE);
    }

    @Test
    void packagesHaveNoCycles() {
        slices().matching("io.datasurface.(*)..").should().beFreeOfCycles().check(CORE);
    }
}
