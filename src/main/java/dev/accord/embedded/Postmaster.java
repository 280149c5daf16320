package dev.accord.embedded;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

/**
 * The PostgreSQL server process of one data directory, found through {@code postmaster.pid}
 * and {@code /proc}.
 * <p>
 * Needed because pg_ctl starts the postmaster in its own session: when the JVM is killed
 * (SIGKILL, OOM killer) the postmaster survives as an orphan, and on the next start zonky
 * would silently talk to it on the same port, or time out on another one. Callers must hold
 * the data directory's {@link DirectoryLock}, which proves no live Accord still owns it.
 */
final class Postmaster {

    private static final Logger LOG = Logger.getLogger(Postmaster.class);
    private static final String PID_FILE = "postmaster.pid";
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(30);

    private Postmaster() {
    }

    /**
     * Makes the data directory startable: stops a PostgreSQL still running on it, or removes a
     * pid file whose process is gone (after a reboot the pid may belong to anything).
     */
    static void clearLeftover(Path pgdata) {
        Path pidFile = pgdata.resolve(PID_FILE);
        if (!Files.exists(pidFile)) {
            return;
        }
        OptionalLong pid = readPid(pidFile);
        Optional<ProcessHandle> running = pid.isPresent() && servesDirectory(pid.getAsLong(), pgdata)
                ? ProcessHandle.of(pid.getAsLong()).filter(ProcessHandle::isAlive)
                : Optional.empty();
        if (running.isPresent()) {
            LOG.warnf("PostgreSQL (pid %d) was left running by an Accord that did not shut down cleanly; stopping it",
                    pid.getAsLong());
            stop(running.get());
            return;
        }
        try {
            Files.deleteIfExists(pidFile);
            LOG.infof("Removed stale %s (its process is gone)", pidFile);
        } catch (IOException e) {
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.FAILED,
                    "cannot remove stale " + pidFile + ": " + e.getMessage(), e);
        }
    }

    /** Backstop after pg_ctl's own stop, which gives up after a few seconds. */
    static void stopIfRunning(Path pgdata) {
        readPid(pgdata.resolve(PID_FILE)).stream()
                .filter(pid -> servesDirectory(pid, pgdata))
                .mapToObj(ProcessHandle::of)
                .flatMap(Optional::stream)
                .filter(ProcessHandle::isAlive)
                .findFirst()
                .ifPresent(postmaster -> {
                    LOG.warnf("PostgreSQL (pid %d) still running after pg_ctl stop; stopping it", postmaster.pid());
                    stop(postmaster);
                });
    }

    /** Pids of every PostgreSQL process (postmaster and children) working in this directory. */
    static List<Long> processesOf(Path pgdata) {
        try (Stream<Path> proc = Files.list(Path.of("/proc"))) {
            return proc.map(p -> p.getFileName().toString())
                    .filter(name -> name.chars().allMatch(Character::isDigit))
                    .map(Long::valueOf)
                    .filter(pid -> servesDirectory(pid, pgdata))
                    .toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    /*
     * A postmaster and its children have the data directory as working directory; matching on
     * it (not on the pid alone) keeps a recycled pid of an unrelated process from being signalled.
     */
    private static boolean servesDirectory(long pid, Path pgdata) {
        Path proc = Path.of("/proc", Long.toString(pid));
        try {
            String command = Files.readString(proc.resolve("comm"), StandardCharsets.UTF_8).trim();
            return command.equals("postgres")
                    && Files.readSymbolicLink(proc.resolve("cwd")).equals(pgdata.toRealPath());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    private static OptionalLong readPid(Path pidFile) {
        try (Stream<String> lines = Files.lines(pidFile, StandardCharsets.UTF_8)) {
            return lines.findFirst().map(String::trim).filter(line -> line.matches("\\d+"))
                    .map(line -> OptionalLong.of(Long.parseLong(line))).orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    /** SIGINT is PostgreSQL's fast shutdown: no waiting for clients, a clean checkpoint. */
    private static void stop(ProcessHandle postmaster) {
        long started = System.nanoTime();
        signalInterrupt(postmaster);
        try {
            postmaster.onExit().get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            LOG.infof("PostgreSQL (pid %d) stopped in %d ms", postmaster.pid(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.FAILED,
                    "interrupted while stopping PostgreSQL (pid " + postmaster.pid() + ")", e);
        } catch (Exception e) {
            throw new EmbeddedStartupException(EmbeddedStartupException.Reason.FAILED,
                    "PostgreSQL (pid " + postmaster.pid() + ") did not stop within " + SHUTDOWN_TIMEOUT.toSeconds()
                            + " s; stop it with: kill -INT " + postmaster.pid(),
                    e);
        }
    }

    private static void signalInterrupt(ProcessHandle postmaster) {
        try {
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(postmaster.pid()))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0) {
                return;
            }
        } catch (IOException e) {
            LOG.debugf(e, "kill -INT %d failed", postmaster.pid());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Java can only send SIGTERM: a smart shutdown, which still ends an orphan without clients.
        postmaster.destroy();
    }
}
