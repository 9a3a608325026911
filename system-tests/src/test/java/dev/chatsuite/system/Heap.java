package dev.chatsuite.system;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A service process's live heap: {@code jcmd <pid> GC.run}, then the used heap from {@code GC.heap_info}. */
final class Heap {

    /** Heap lines of G1 ("garbage-first heap … used 1234K") and of Serial/Parallel (per generation). */
    private static final Pattern USED = Pattern.compile("^\\s*(garbage-first heap|def new generation|tenured generation|PSYoungGen|ParOldGen|Shenandoah|ZHeap)\\b.*?used (\\d+)K",
            Pattern.MULTILINE);

    private Heap() {
    }

    /** The live heap of {@code service} in KiB, measured after a full collection. */
    static long liveKib(String service) throws Exception {
        long pid = RunningSuite.process(service).pid();
        jcmd(pid, "GC.run");
        String info = jcmd(pid, "GC.heap_info");
        Matcher used = USED.matcher(info);
        long total = 0;
        boolean found = false;
        while (used.find()) {
            total += Long.parseLong(used.group(2));
            found = true;
        }
        if (!found) {
            throw new IllegalStateException("no heap figure in jcmd GC.heap_info: " + info);
        }
        return total;
    }

    /** Live heap after a GC, twice a second apart, the lower: a request still finishing does not count. */
    static long settledKib(String service) throws Exception {
        long first = liveKib(service);
        Thread.sleep(1_000);
        return Math.min(first, liveKib(service));
    }

    private static String jcmd(long pid, String command) throws Exception {
        String jcmd = System.getProperty("java.home") + File.separator + "bin" + File.separator + "jcmd";
        Process process = new ProcessBuilder(jcmd, Long.toString(pid), command).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }
}
