package org.samdp.agents.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One holder at a time, whether the other is a thread of this JVM or another process. */
class DirectoryLockTest {
  @TempDir
  Path dir;

  /** Holds the lock of {@code args[0]}, says so on stdout, and releases it when its stdin closes. */
  public static void main(String[] args) throws Exception {
    DirectoryLock lock = DirectoryLock.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    while (System.in.read() >= 0) {
      // Wait for the parent to close our stdin.
    }
    lock.close();
  }

  /** Acquires and releases the lock on another thread; {@code acquired} counts down once it holds it. */
  private static Thread contender(Path directory, CountDownLatch acquired) {
    Thread thread = new Thread(() -> {
      DirectoryLock lock = DirectoryLock.acquire(directory);
      acquired.countDown();
      lock.close();
    });
    thread.start();
    return thread;
  }

  @Test
  void aSecondThreadWaitsUntilTheFirstReleases() throws Exception {
    Path directory = dir.resolve("attacker");
    CountDownLatch acquired = new CountDownLatch(1);
    DirectoryLock lock = DirectoryLock.acquire(directory);
    Thread other = contender(directory, acquired);
    assertFalse(acquired.await(300, TimeUnit.MILLISECONDS), "the other thread got the lock while it was held");
    lock.close();
    assertTrue(acquired.await(1, TimeUnit.MINUTES), "the other thread never got the released lock");
    other.join();
  }

  @Test
  void aThreadWaitsWhileAnotherProcessHoldsTheLock() throws Exception {
    Path directory = dir.resolve("attacker");
    String java = ProcessHandle.current().info().command().orElse("java");
    Process holder = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
        DirectoryLockTest.class.getName(), directory.toString())).redirectErrorStream(true).start();
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
      assertEquals("locked", out.readLine());
      CountDownLatch acquired = new CountDownLatch(1);
      Thread waiting = contender(directory, acquired);
      assertFalse(acquired.await(300, TimeUnit.MILLISECONDS), "got the lock while another process held it");
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(1, TimeUnit.MINUTES), "the holder did not exit");
      assertTrue(acquired.await(1, TimeUnit.MINUTES), "never got the lock the other process released");
      waiting.join();
    } finally {
      holder.destroyForcibly();
    }
  }
}
