package org.samdp.adversaries.trained;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import org.samdp.agents.policy.Policies;

/**
 * What a trained attacker was trained against and how, written as {@value #FILE} in its run directory: an attacker
 * is reused only for the same victim (its policy's files, by digest), the same ε and the same settings.
 *
 * @param attack the attack's name, e.g. {@code optimal}
 * @param settings the attack's settings as its label, e.g. {@code optimal[lr=0.001,vlr=0.001,ent=0,clip=0.2,anneal]}
 * @param eps the radius the attacker was trained for (0 where training does not depend on it)
 * @param victimCheckpoint the victim's checkpoint, as given
 * @param victimDigest SHA-256 of the victim policy's files
 */
public record AttackerKey(String attack, String settings, double eps, String victimCheckpoint, String victimDigest) {
  /** The file in an attacker's run directory. */
  public static final String FILE = "attacker.json";

  /** The key of an attacker with {@code settings} trained at {@code eps} against the agent of {@code checkpoint}. */
  public static AttackerKey of(String attack, String settings, double eps, Path checkpoint) {
    return new AttackerKey(attack, settings, eps, checkpoint.toString(), digest(checkpoint));
  }

  /**
   * The same key for the victim checkpoint at {@code checkpoint}: where one written in a temporary directory (an
   * import) will be once it is moved into place.
   */
  public AttackerKey at(Path checkpoint) {
    return new AttackerKey(attack, settings, eps, checkpoint.toString(), victimDigest);
  }

  /** The name of the attacker's directory: its settings, ε and the victim's digest, readable and unique. */
  public String directoryName() {
    String readable = settings.replace('[', '-').replace("]", "").replace(',', '-').replace("=", "");
    return readable + "-eps" + eps + "-" + victimDigest.substring(0, 12);
  }

  /** Whether an attacker trained under {@code other} serves this key: same victim, ε and settings. */
  public boolean serves(AttackerKey other) {
    return attack.equals(other.attack) && settings.equals(other.settings) && eps == other.eps
        && victimDigest.equals(other.victimDigest);
  }

  /** SHA-256 over the agent policy's files of a checkpoint: its description and arrays (normaliser included). */
  static String digest(Path checkpoint) {
    Path policy = Policies.directoryOf(checkpoint, Policies.AGENT);
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      for (String name : List.of(Policies.DESCRIPTION, Policies.TENSORS)) {
        try (InputStream in = new DigestInputStream(Files.newInputStream(policy.resolve(name)), sha)) {
          in.transferTo(OutputStream.nullOutputStream());
        }
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the victim's policy in " + policy + ": " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
