package dev.accord.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Exclusive ownership of a data directory by one running Accord.
 * <p>
 * The operating system drops the lock when the process dies, even by SIGKILL, so a lock that
 * can be taken proves that nobody alive uses the directory; only then may a left-over
 * PostgreSQL of that directory be stopped. The file keeps the holder's pid for the message a
 * second Accord prints; it is never deleted, since deleting a lock file races with the next
 * process taking it.
 */
final class DirectoryLock implements AutoCloseable {

    private static final String FILE_NAME = "accord.lock";

    /*
     * POSIX locks belong to the process: closing any channel on the file would release a lock
     * this JVM already holds through another channel. Directories locked here are therefore
     * remembered and refused without the file being touched.
     */
    private static final Set<Path> HELD_BY_THIS_PROCESS = ConcurrentHashMap.newKeySet();

    private final Path directory;
    private final FileChannel channel;
    private final FileLock lock;

    private DirectoryLock(Path directory, FileChannel channel, FileLock lock) {
        this.directory = directory;
        this.channel = channel;
        this.lock = lock;
    }

    static DirectoryLock acquire(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        if (!HELD_BY_THIS_PROCESS.add(dir)) {
            throw inUse(dir, "this process");
        }
        FileChannel channel = null;
        try {
            Files.createDirectories(dir);
            Path file = dir.resolve(FILE_NAME);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                // Held through another class loader of this JVM: closing this channel would
                // release that lock, so the channel is deliberately left open.
                channel = null;
                throw inUse(dir, "this process");
            }
            if (lock == null) {
                String holder = Files.readString(file, StandardCharsets.UTF_8).trim();
                throw inUse(dir, holder.isEmpty() ? "another process" : "process " + holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(Long.toString(ProcessHandle.current().pid())
                    .getBytes(StandardCharsets.UTF_8)), 0);
            channel.force(false);
            return new DirectoryLock(dir, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            HELD_BY_THIS_PROCESS.remove(dir);
            throw new UncheckedIOException("cannot lock " + dir, e);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            HELD_BY_THIS_PROCESS.remove(dir);
            throw e;
        }
    }

    private static EmbeddedStartupException inUse(Path dir, String holder) {
        return new EmbeddedStartupException(EmbeddedStartupException.Reason.DATA_DIR_IN_USE,
                "data directory " + dir + " is in use by another running Accord (" + holder + ")");
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // closing the channel below releases it as well
        }
        closeQuietly(channel);
        HELD_BY_THIS_PROCESS.remove(directory);
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // the lock goes with the descriptor
            }
        }
    }
}
