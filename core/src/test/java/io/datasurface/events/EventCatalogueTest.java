package io.datasurface.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The catalogue's JSON is a contract: each type's CloudEvent is pinned by a golden file (rewrite with UpdateEventGoldenFiles). */
class EventCatalogueTest {

    static Stream<DataSurfaceEvent> samples() {
        return SampleEvents.all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventJsonEqualsItsGoldenFile(DataSurfaceEvent event) throws Exception {
        assertThat(EventGoldenFiles.pretty(event)).isEqualTo(Files.readString(EventGoldenFiles.file(event)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void eventReadsBackAsTheSameRecord(DataSurfaceEvent event) {
        assertThat(CloudEvents.fromJson(CloudEvents.toJson(event, SampleEvents.SOURCE))).isEqualTo(event);
    }

    @Test
    void everyRecordOfTheSealedInterfaceIsInTheCatalogueAndHasASample() {
        assertThat(CloudEvents.TYPES.values()).<Class<?>>map(c -> c).containsExactlyInAnyOrder(DataSurfaceEvent.class.getPermittedSubclasses());
        assertThat(samples().map(DataSurfaceEvent::type)).containsExactlyElementsOf(CloudEvents.TYPES.keySet());
    }

    @Test
    void typesOfTheCatalogueAreDistinctPerRecord() {
        assertThat(samples().map(DataSurfaceEvent::type).distinct().count()).isEqualTo(DataSurfaceEvent.class.getPermittedSubclasses().length);
        assertThat(Arrays.stream(DataSurfaceEvent.class.getPermittedSubclasses()).map(Class::getSimpleName))
                .doesNotHaveDuplicates();
    }
}
