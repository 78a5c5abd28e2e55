package org.samdp.agents.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive use of a directory by one worker at a time, across processes (an OS file lock on {@code .lock} in it) and
 * across threads of this JVM (which the OS lock does not separate). Parallel jobs that would build the same thing in
 * the same directory take turns, and the later one finds it built.
 */
public final class DirectoryLock implements AutoCloseable {
  /** The lock file's name in the locked directory. */
  public static final String FILE = ".lock";
  private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_JVM = new ConcurrentHashMap<>();

  private final ReentrantLock local;
  private final FileChannel channel;
  private final FileLock lock;

  private DirectoryLock(ReentrantLock local, FileChannel channel, FileLock lock) {
    this.local = local;
    this.channel = channel;
    this.lock = lock;
  }

  /** Waits until no other thread or process holds {@code directory}, creating it if needed, and holds it. */
  public static DirectoryLock acquire(Path directory) {
    Path key = directory.toAbsolutePath().normalize();
    ReentrantLock local = IN_THIS_JVM.computeIfAbsent(key, k -> new ReentrantLock());
    local.lock();
    FileChannel channel = null;
    try {
      Files.createDirectories(key);
      channel = FileChannel.open(key.resolve(FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      return new DirectoryLock(local, channel, channel.lock());
    } catch (IOException e) {
      closeQuietly(channel);
      local.unlock();
      throw new UncheckedIOException("cannot lock " + key + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      lock.release();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot release the lock on " + channel + ": " + e.getMessage(), e);
    } finally {
      closeQuietly(channel);
      local.unlock();
    }
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel == null) {
      return;
    }
    try {
      channel.close();
    } catch (IOException ignored) {
      // The lock dies with the channel either way.
    }
  }
}
