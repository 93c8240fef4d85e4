package dev.partneraccess.bench.login;

import dev.partneraccess.bench.AdminClient;

/** Prints the heap a server has in use, in bytes, read from its metrics endpoint. */
public final class HeapProbe {

    private HeapProbe() {
    }

    public static void main(String[] args) throws Exception {
        System.out.println(AdminClient.heapUsed(args[0]));
    }
}
