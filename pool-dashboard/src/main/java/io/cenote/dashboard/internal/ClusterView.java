package io.cenote.dashboard.internal;

import java.util.List;

/**
 * One cluster as the API shows it ({@code GET /api/clusters}).
 *
 * @param name the cluster's name
 * @param writer the host that takes writes as last reported, or null when none does
 * @param hosts its hosts, primary first
 */
public record ClusterView(String name, String writer, List<HostView> hosts) {}
