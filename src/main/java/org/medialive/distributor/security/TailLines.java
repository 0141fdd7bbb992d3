package org.medialive.distributor.security;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The last lines of a file, newest first, read backwards in blocks: the cost follows the lines wanted, not the file's size. */
final class TailLines {

    private static final int BLOCK = 8192;

    private TailLines() {
    }

    static List<String> read(Path path, int wanted) throws IOException {
        List<String> lines = new ArrayList<>();
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long position = file.length();
            ByteArrayOutputStream reversedLine = new ByteArrayOutputStream();
            byte[] block = new byte[BLOCK];
            while (position > 0 && lines.size() < wanted) {
                int size = (int) Math.min(BLOCK, position);
                position -= size;
                file.seek(position);
                file.readFully(block, 0, size);
                for (int i = size - 1; i >= 0 && lines.size() < wanted; i--) {
                    if (block[i] == '\n') {
                        addLine(lines, reversedLine);
                    } else {
                        reversedLine.write(block[i]);
                    }
                }
            }
            if (position == 0 && lines.size() < wanted) {
                addLine(lines, reversedLine);
            }
        }
        return lines;
    }

    private static void addLine(List<String> lines, ByteArrayOutputStream reversedLine) {
        byte[] bytes = reversedLine.toByteArray();
        reversedLine.reset();
        if (bytes.length == 0) {
            return;
        }
        for (int i = 0, j = bytes.length - 1; i < j; i++, j--) {
            byte swap = bytes[i];
            bytes[i] = bytes[j];
            bytes[j] = swap;
        }
        lines.add(new String(bytes, StandardCharsets.UTF_8));
    }
}
