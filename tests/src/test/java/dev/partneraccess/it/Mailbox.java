package dev.partneraccess.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.BodyPart;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;

/** A real SMTP server on loopback (GreenMail), where the realm's SMTP settings point, and what it received. */
final class Mailbox implements AutoCloseable {

    private final GreenMail server;

    Mailbox(int port) {
        server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    /** The messages to {@code address} whose text contains {@code text}, waiting up to 20 s for at least one. */
    List<MimeMessage> awaitTo(String address, String text) throws Exception {
        return awaitCount(address, text, 1);
    }

    /** The same, waiting up to 20 s for at least {@code count} of them. */
    List<MimeMessage> awaitCount(String address, String text, int count) throws Exception {
        long deadline = System.currentTimeMillis() + 20_000;
        while (true) {
            List<MimeMessage> found = to(address, text);
            if (found.size() >= count || System.currentTimeMillis() > deadline) {
                return found;
            }
            server.waitForIncomingEmail(500, server.getReceivedMessages().length + 1);
        }
    }

    /** The one message to {@code address} whose text contains {@code text} (mail leaves after the commit). */
    MimeMessage oneTo(String address, String text) throws Exception {
        List<MimeMessage> found = awaitTo(address, text);
        List<String> seen = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            seen.add(message.getAllRecipients()[0] + ": " + message.getSubject());
        }
        assertThat(found).as("mail to " + address + " containing " + text + "; received " + seen).hasSize(1);
        return found.get(0);
    }

    List<MimeMessage> to(String address, String text) throws Exception {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage message : server.getReceivedMessages()) {
            if (message.getAllRecipients()[0].toString().equals(address) && plainText(message).contains(text)) {
                found.add(message);
            }
        }
        return found;
    }

    static String plainText(MimeMessage message) throws Exception {
        String text = textOf(message.getContent(), message.isMimeType("text/plain"));
        if (text == null) {
            throw new AssertionError("no text part in " + message.getSubject());
        }
        return text;
    }

    private static String textOf(Object content, boolean plain) throws Exception {
        if (content instanceof String text) {
            return plain ? text : null;
        }
        if (content instanceof Multipart parts) {
            for (int i = 0; i < parts.getCount(); i++) {
                BodyPart part = parts.getBodyPart(i);
                String found = textOf(part.getContent(), part.isMimeType("text/plain"));
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    @Override
    public void close() {
        server.stop();
    }
}
