<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>MainWindow</name>
    <message><source>gpudesk</source><translation>gpudesk</translation></message>
    <message><source>Overview</source><translation>Übersicht</translation></message>
    <message><source>Analytics</source><translation>Analysen</translation></message>
    <message><source>Workloads</source><translation>Workloads</translation></message>
    <message><source>Organization</source><translation>Organisation</translation></message>
    <message><source>Access</source><translation>Zugriff</translation></message>
    <message><source>Nodes &amp; node pools</source><translation>Knoten &amp; Knotenpools</translation></message>
    <message><source>Clusters</source><translation>Cluster</translation></message>
    <message><source>Event history</source><translation>Ereignisverlauf</translation></message>
    <message><source>Settings</source><translation>Einstellungen</translation></message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message><source>This page is not built yet.</source><translation>Diese Seite ist noch nicht gebaut.</translation></message>
</context>
<context>
    <name>main</name>
    <message><source>Desktop console for GPU clusters, quotas and workloads.</source><translation>Desktop-Konsole für GPU-Cluster, Kontingente und Workloads.</translation></message>
    <message><source>Connect with the saved profile &lt;name&gt;.</source><translation>Mit dem gespeicherten Profil &lt;name&gt; verbinden.</translation></message>
    <message><source>User interface language, e.g. de or en.</source><translation>Sprache der Oberfläche, z. B. de oder en.</translation></message>
</context>
</TS>
