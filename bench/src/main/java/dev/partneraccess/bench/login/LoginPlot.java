package dev.partneraccess.bench.login;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

import javax.imageio.ImageIO;

/** A PNG with two bar charts side by side: logins per second, and login p99 latency, stock and ours per round. */
final class LoginPlot {

    private static final Color STOCK = new Color(0x6a, 0x6e, 0x73);
    private static final Color OURS = new Color(0x00, 0x66, 0xcc);
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 420;

    private LoginPlot() {
    }

    static void write(List<LoginReport.Round> rounds, String db, Path file) throws IOException {
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        g.drawString("Browser login + refresh, stock Keycloak vs Partner Access (" + (db.equals("h2") ? "H2" : "PostgreSQL")
                + "), per round", 20, 28);
        chart(g, 20, "logins per second (closed model)", rounds,
                r -> r.stock().get("throughput").asDouble(), r -> r.ours().get("throughput").asDouble(), "%.1f");
        chart(g, WIDTH / 2 + 10, "login p99 latency, ms (open model)", rounds,
                r -> LoginReport.p(r.stock(), "login", "p99"), r -> LoginReport.p(r.ours(), "login", "p99"), "%.0f");
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 13));
        legend(g, 20, HEIGHT - 18, STOCK, "stock Keycloak");
        legend(g, 180, HEIGHT - 18, OURS, "with Partner Access (gate, required actions, claims mapper, evidence listener)");
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }

    private static void chart(Graphics2D g, int left, String title, List<LoginReport.Round> rounds,
                              ToDoubleFunction<LoginReport.Round> stock, ToDoubleFunction<LoginReport.Round> ours, String format) {
        int top = 70;
        int bottom = HEIGHT - 60;
        int width = WIDTH / 2 - 40;
        double max = 0;
        for (LoginReport.Round round : rounds) {
            max = Math.max(max, Math.max(stock.applyAsDouble(round), ours.applyAsDouble(round)));
        }
        max = max <= 0 ? 1 : max * 1.15;
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        g.setColor(Color.BLACK);
        g.drawString(title, left, top - 20);
        g.setStroke(new BasicStroke(1));
        g.drawLine(left, bottom, left + width, bottom);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int slot = width / rounds.size();
        int bar = Math.min(60, slot / 3);
        for (int i = 0; i < rounds.size(); i++) {
            LoginReport.Round round = rounds.get(i);
            int x = left + i * slot + (slot - 2 * bar) / 2;
            bar(g, x, bottom, bar, stock.applyAsDouble(round), max, bottom - top, STOCK, format);
            bar(g, x + bar, bottom, bar, ours.applyAsDouble(round), max, bottom - top, OURS, format);
            g.setColor(Color.BLACK);
            g.drawString("round " + round.number(), x + bar / 2, bottom + 16);
        }
    }

    private static void bar(Graphics2D g, int x, int bottom, int width, double value, double max, int height, Color color, String format) {
        int h = (int) Math.round(value / max * height);
        g.setColor(color);
        g.fillRect(x + 2, bottom - h, width - 4, h);
        g.setColor(Color.BLACK);
        g.drawString(String.format(Locale.ROOT, format, value), x + 4, bottom - h - 4);
    }

    private static void legend(Graphics2D g, int x, int y, Color color, String text) {
        g.setColor(color);
        g.fillRect(x, y - 11, 14, 14);
        g.setColor(Color.BLACK);
        g.drawString(text, x + 20, y);
    }
}
