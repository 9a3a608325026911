import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;

/** Time of one Argon2id hash with auth-service's default parameters (19 MiB, 2 passes, 1 lane), median of 21 after warm-up. */
public class HashTime {
    public static void main(String[] args) {
        Argon2Function argon2 = Argon2Function.getInstance(19456, 2, 1, 32, Argon2.ID);
        for (int i = 0; i < 10; i++) {
            Password.hash("warm up the JIT " + i).addRandomSalt(16).with(argon2);
        }
        long[] times = new long[21];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            Password.hash("a long enough passphrase " + i).addRandomSalt(16).with(argon2);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf("%.1f%n", times[times.length / 2] / 1e6);
    }
}
