package io.glassbox.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Reads just enough of an ELF file (man 5 elf) to tell whether it needs a dynamic loader. */
public final class ElfFile {

    private static final int PT_INTERP = 3;

    private ElfFile() {
    }

    /** True for a 64-bit ELF executable without a PT_INTERP program header, i.e. statically linked. */
    public static boolean isStatic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer header = read(channel, 0, 64);
            if (header.getInt(0) != 0x464c457f || header.get(4) != 2) {
                return false; // not ELF, or not 64-bit
            }
            if (header.get(5) == 2) {
                header.order(ByteOrder.BIG_ENDIAN);
            }
            long tableOffset = header.getLong(0x20);
            int entrySize = Short.toUnsignedInt(header.getShort(0x36));
            int entries = Short.toUnsignedInt(header.getShort(0x38));
            ByteBuffer table = read(channel, tableOffset, entrySize * entries).order(header.order());
            for (int i = 0; i < entries; i++) {
                if (table.getInt(i * entrySize) == PT_INTERP) {
                    return false;
                }
            }
            return true;
        }
    }

    private static ByteBuffer read(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (buffer.hasRemaining() && channel.read(buffer, position + buffer.position()) > 0) {
            // keep reading until the buffer is full or the file ends
        }
        return buffer.flip();
    }
}
