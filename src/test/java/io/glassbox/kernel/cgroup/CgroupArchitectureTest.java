package io.glassbox.kernel.cgroup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The kernel layer stays framework-free, so it runs in plain tests and reads like the man pages it wraps. */
class CgroupArchitectureTest {

    @Test
    void cgroupPackagesDependOnlyOnTheJdkAndTheKernelLayer() {
        JavaClasses cgroup = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.glassbox.kernel.cgroup");

        classes().should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glassbox.kernel..")
                .check(cgroup);
    }
}
