package io.glassbox;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.Location;
import io.glassbox.kernel.ProcFs;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The layers of ARCHITECTURE.md: dependencies point down only, and the kernel layer is plain Java. */
class ArchitectureTest {

    static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() throws Exception {
        // Import where production classes were loaded from, so test classes (JUnit, AssertJ) never count.
        Location main = Location.of(ProcFs.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        production = new ClassFileImporter().importLocations(Set.of(main));
    }

    @Test
    void layersDependOnlyDownwards() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("web").definedBy("io.glassbox.web..")
                .layer("app").definedBy("io.glassbox.app..")
                .layer("workshop").definedBy("io.glassbox.workshop..")
                .layer("recording").definedBy("io.glassbox.recording..")
                .layer("session").definedBy("io.glassbox.session..")
                .layer("lesson").definedBy("io.glassbox.lesson..")
                .layer("terminal").definedBy("io.glassbox.terminal..")
                .layer("sandbox").definedBy("io.glassbox.sandbox..")
                .layer("host").definedBy("io.glassbox.host..")
                .layer("kernel").definedBy("io.glassbox.kernel..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("web")
                .whereLayer("workshop").mayOnlyBeAccessedByLayers("web", "app")
                .whereLayer("recording").mayOnlyBeAccessedByLayers("web", "app", "workshop")
                .whereLayer("session").mayOnlyBeAccessedByLayers("web", "app", "workshop", "recording")
                .whereLayer("lesson").mayOnlyBeAccessedByLayers("web", "app", "session", "workshop")
                .whereLayer("terminal").mayOnlyBeAccessedByLayers("web", "app", "session", "lesson", "recording")
                .whereLayer("sandbox").mayOnlyBeAccessedByLayers("web", "app", "session", "lesson", "terminal")
                .whereLayer("host").mayOnlyBeAccessedByLayers("web", "app", "session", "lesson", "terminal", "sandbox")
                .check(production);
    }

    @Test
    void theKernelLayerUsesOnlyTheJdk() {
        classes().that().resideInAPackage("io.glassbox.kernel..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.glassbox.kernel..")
                .check(production);
    }

    @Test
    void onlyTheHostLayerStartsProcesses() {
        noClasses().that().resideOutsideOfPackage("io.glassbox.host..")
                .should().callConstructor(ProcessBuilder.class, java.util.List.class)
                .orShould().callConstructor(ProcessBuilder.class, String[].class)
                .orShould().callMethod(Runtime.class, "exec", String.class)
                .orShould().callMethod(Runtime.class, "exec", String[].class)
                .check(production);
    }
}
