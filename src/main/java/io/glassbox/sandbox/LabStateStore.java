package io.glassbox.sandbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/** Keeps one JSON file per live lab host under {@code sessions/}, written atomically (write, then rename). */
public final class LabStateStore {

    private final Path dir;
    private final ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    public LabStateStore(Path dir) {
        this.dir = dir;
    }

    public void save(LabState state) {
        Path target = file(state.id());
        Path temporary = dir.resolve(state.id() + ".json.tmp");
        try {
            json.writeValue(temporary.toFile(), state);
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record lab host state in " + target, e);
        }
    }

    /** Forgets a lab host: its state file and the output of its launch, if still there. */
    public void delete(String id) {
        try {
            Files.deleteIfExists(dir.resolve(id + ".launch"));
            Files.deleteIfExists(file(id));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove lab host state " + file(id), e);
        }
    }

    /** Every recorded lab host; unreadable files are reported through {@code broken} and skipped. */
    public List<LabState> list(List<Path> broken) {
        List<LabState> result = new ArrayList<>();
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.json")) {
            for (Path file : files) {
                try {
                    result.add(json.readValue(file.toFile(), LabState.class));
                } catch (IOException e) {
                    broken.add(file);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return result;
    }

    private Path file(String id) {
        if (!id.matches("[a-z0-9][a-z0-9-]*")) {
            throw new IllegalArgumentException("not a lab host id: " + id);
        }
        return dir.resolve(id + ".json");
    }
}
