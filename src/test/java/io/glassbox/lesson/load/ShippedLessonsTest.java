package io.glassbox.lesson.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every lesson in lessons/ loads without a single error. */
class ShippedLessonsTest {

    @Test
    void everyShippedLessonLoads() throws Exception {
        try (LessonCatalog catalog = new LessonCatalog(List.of(Path.of("lessons"))).load()) {
            assertThat(catalog.errors()).isEmpty();
            assertThat(catalog.lessons()).isNotEmpty();
            assertThat(catalog.lessons()).allSatisfy(lesson -> {
                assertThat(lesson.title().in("zh-CN")).as(lesson.id() + " has a Chinese title")
                        .isNotEqualTo(lesson.title().english());
                assertThat(lesson.docker()).as(lesson.id() + " says what Docker does").isNotNull();
            });
        }
    }
}
