package io.trustfabric.worker.receipts;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The worker's durable receipt log: one compact receipt per line, appended and forced to disk
 * ({@code fsync}) before the answer it belongs to is released, so a receipt a partner holds is never
 * missing from the log after a crash.
 */
public final class ReceiptLog implements AutoCloseable {
    private final Path file;
    private final FileChannel channel;

    public ReceiptLog(Path file) throws IOException {
        this.file = file;
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        this.channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.APPEND);
    }

    public synchronized void append(String compactReceipt) throws IOException {
        ByteBuffer line = ByteBuffer.wrap((compactReceipt + "\n").getBytes(StandardCharsets.US_ASCII));
        while (line.hasRemaining()) {
            channel.write(line);
        }
        channel.force(false);
    }

    public Path file() {
        return file;
    }

    @Override
    public synchronized void close() throws IOException {
        channel.close();
    }
}
