package io.glassbox.recording;

import java.util.List;

/**
 * One terminal's recording as it is served: the asciicast v2 text and its markers in order.
 *
 * @param droppedEvents events dropped from its start to keep the session's recording within its cap
 * @param droppedBytes the bytes they took
 */
public record Replay(String asciicast, List<Marker> markers, long droppedEvents, long droppedBytes) {
}
