package io.glassbox.kernel.cgroup;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kernel layer stays framework-free, so it runs in plain tests and reads like the man pages it wraps. */
class CgroupArchitectureTest {

    @Test
    void cgroupPackagesDependOnlyOnTheJdkAndTheKernelLayer() throws Exception {
        // Import where the production classes were loaded from, so test classes (JUnit, AssertJ) never count.
        Location main = Location.of(CgroupDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        JavaClasses imported = new ClassFileImporter().importLocations(Set.of(main));

        classes().that().resideInAPackage("io.glassbox.kernel.cgroup..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glassbox.kernel..")
                .check(imported);
    }
}
