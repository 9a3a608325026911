import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/** Time of one Argon2id hash with auth-service's default parameters (19 MiB, 2 passes, 1 lane), median of 21 after warm-up. */
public class HashTime {
    public static void main(String[] args) {
        Argon2PasswordEncoder argon2 = new Argon2PasswordEncoder(16, 32, 1, 19456, 2);
        for (int i = 0; i < 10; i++) {
            argon2.encode("warm up the JIT " + i);
        }
        long[] times = new long[21];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            argon2.encode("a long enough passphrase " + i);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf("%.1f%n", times[times.length / 2] / 1e6);
    }
}
