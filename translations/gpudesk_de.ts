<?xml version='1.0' encoding='utf-8'?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>AccessRuleModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="141" />
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="142" />
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="143" />
        <source>Role</source>
        <translation>Rolle</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="144" />
        <source>Scope type</source>
        <translation>Art des Geltungsbereichs</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="145" />
        <source>Scope</source>
        <translation>Geltungsbereich</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="148" />
        <source>Authorized by</source>
        <translation>Autorisiert von</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="149" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
</context>
<context>
    <name>ApiRequest</name>
    <message>
        <location filename="../models/apirequest.cpp" line="140" />
        <source>%1 did not answer within %2 s. Check that it is running and that your network or proxy lets the connection through.</source>
        <translation>%1 hat nicht innerhalb von %2 s geantwortet. Prüfen Sie, ob der Dienst läuft und ob Netzwerk oder Proxy die Verbindung durchlassen.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="149" />
        <source>The certificate of %1 does not match the pinned fingerprint, so the connection was stopped. If the certificate was replaced on purpose, update the pin in the connection profile.</source>
        <translation>Das Zertifikat von %1 passt nicht zum hinterlegten Fingerabdruck, daher wurde die Verbindung abgebrochen. Wurde das Zertifikat absichtlich ersetzt, aktualisieren Sie den Pin im Verbindungsprofil.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="159" />
        <source>The certificate of %1 is not trusted (%2). If you trust this server, add its CA bundle or pin its certificate in the connection profile.</source>
        <translation>Dem Zertifikat von %1 wird nicht vertraut (%2). Wenn Sie diesem Server vertrauen, fügen Sie sein CA-Bündel hinzu oder hinterlegen Sie einen Zertifikat-Pin im Verbindungsprofil.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="170" />
        <source>%1 did not accept your credentials: %2. Log in again.</source>
        <translation>%1 hat Ihre Anmeldedaten nicht akzeptiert: %2. Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="173" />
        <source>You are not allowed to do this: %1</source>
        <translation>Das dürfen Sie nicht: %1</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="175" />
        <source>%1 does not know this item: %2</source>
        <translation>%1 kennt diesen Eintrag nicht: %2</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="177" />
        <source>%1 had a problem (HTTP %2): %3. Try again later.</source>
        <translation>%1 hatte ein Problem (HTTP %2): %3. Versuchen Sie es später erneut.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="183" />
        <source>%1 refused the request (HTTP %2): %3</source>
        <translation>%1 hat die Anfrage abgelehnt (HTTP %2): %3</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="190" />
        <source>%1 closed the connection without an HTTP answer.</source>
        <translation>%1 hat die Verbindung ohne HTTP-Antwort geschlossen.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="194" />
        <source>The request was cancelled.</source>
        <translation>Die Anfrage wurde abgebrochen.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="197" />
        <source>%1 refused the connection. Check that it is running and that the address and port are right.</source>
        <translation>%1 hat die Verbindung abgelehnt. Prüfen Sie, ob der Dienst läuft und ob Adresse und Port stimmen.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="203" />
        <source>The host name of %1 cannot be found. Check the address and your DNS or proxy settings.</source>
        <translation>Der Hostname von %1 wurde nicht gefunden. Prüfen Sie die Adresse und Ihre DNS- oder Proxy-Einstellungen.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="211" />
        <source>%1 closed the connection before the answer was complete. Try again; if it keeps happening, the server or a proxy is failing.</source>
        <translation>%1 hat die Verbindung geschlossen, bevor die Antwort vollständig war. Versuchen Sie es erneut; passiert es wieder, hat der Server oder ein Proxy ein Problem.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="221" />
        <source>The proxy refused or failed the connection to %1 (%2). Check the proxy settings of the connection profile.</source>
        <translation>Der Proxy hat die Verbindung zu %1 abgelehnt oder ist gescheitert (%2). Prüfen Sie die Proxy-Einstellungen des Verbindungsprofils.</translation>
    </message>
    <message>
        <location filename="../models/apirequest.cpp" line="227" />
        <source>%1 cannot be reached: %2.</source>
        <translation>%1 ist nicht erreichbar: %2.</translation>
    </message>
</context>
<context>
    <name>AppController</name>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="91" />
        <location filename="../widgets/appcontroller.cpp" line="92" />
        <source>Switch language to %1</source>
        <translation>Sprache wechseln zu %1</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="93" />
        <source>Refresh the Overview now</source>
        <translation>Übersicht jetzt aktualisieren</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="94" />
        <source>Quit gpudesk</source>
        <translation>gpudesk beenden</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="202" />
        <source>Sandbox ready. Logging in as %1…</source>
        <translation>Sandbox bereit. Anmeldung als %1…</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="227" />
        <source>Logging in to the sandbox failed: %1</source>
        <translation>Die Anmeldung an der Sandbox ist fehlgeschlagen: %1</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="252" />
        <source>Local sandbox (simulated clusters) · %1</source>
        <translation>Lokale Sandbox (simulierte Cluster) · %1</translation>
    </message>
    <message>
        <location filename="../widgets/appcontroller.cpp" line="253" />
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
</context>
<context>
    <name>AppSupport</name>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="13" />
        <location filename="../models/app-support/overviewsource.cpp" line="20" />
        <location filename="../models/app-support/overviewsource.cpp" line="25" />
        <location filename="../models/app-support/overviewsource.cpp" line="47" />
        <location filename="../models/app-support/overviewsource.cpp" line="412" />
        <source>Allocated GPUs</source>
        <translation>Zugewiesene GPUs</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="14" />
        <source>GPUs</source>
        <translation>GPUs</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="15" />
        <source>Allocation ratio (%)</source>
        <translation>Zuweisungsquote (%)</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="20" />
        <source>GPU quota</source>
        <translation>GPU-Kontingent</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="25" />
        <source>GPU utilisation (%)</source>
        <translation>GPU-Auslastung (%)</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="35" />
        <source>(none)</source>
        <translation>(keine)</translation>
    </message>
    <message>
        <location filename="../models/app-support/overviewsource.cpp" line="48" />
        <location filename="../models/app-support/overviewsource.cpp" line="413" />
        <source>Workloads</source>
        <translation>Workloads</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="31" />
        <source>The local sandbox did not become ready within %1 seconds.</source>
        <translation>Die lokale Sandbox war nicht innerhalb von %1 Sekunden bereit.</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="73" />
        <source>sandbox.json is not a JSON object (%1).</source>
        <translation>sandbox.json ist kein JSON-Objekt (%1).</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="81" />
        <source>sandbox.json has no valid controlPlaneUrl.</source>
        <translation>sandbox.json enthält keine gültige controlPlaneUrl.</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="92" />
        <source>sandbox.json lists a cluster without a name or URL.</source>
        <translation>sandbox.json nennt einen Cluster ohne Namen oder URL.</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="109" />
        <source>gpudesk-server was not found next to gpudesk or on the PATH, so the local sandbox cannot start. Install gpudesk-server or choose another profile.</source>
        <translation>gpudesk-server wurde weder neben gpudesk noch im PATH gefunden, daher kann die lokale Sandbox nicht starten. Installieren Sie gpudesk-server oder wählen Sie ein anderes Profil.</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="119" />
        <source>Could not create a folder for the local sandbox: %1</source>
        <translation>Für die lokale Sandbox konnte kein Ordner angelegt werden: %1</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="140" />
        <source>gpudesk-server could not be started: %1</source>
        <translation>gpudesk-server konnte nicht gestartet werden: %1</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="144" />
        <source>Starting the local sandbox (%1)…</source>
        <translation>Die lokale Sandbox wird gestartet (%1)…</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="201" />
        <source>The sandbox said it is ready but %1 cannot be read: %2</source>
        <translation>Die Sandbox meldet sich bereit, aber %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="224" />
        <source>The local sandbox crashed while starting. Its last output:
%1</source>
        <translation>Die lokale Sandbox ist beim Start abgestürzt. Ihre letzte Ausgabe:
%1</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="226" />
        <source>The local sandbox exited with code %1 while starting. Its last output:
%2</source>
        <translation>Die lokale Sandbox wurde beim Start mit Code %1 beendet. Ihre letzte Ausgabe:
%2</translation>
    </message>
    <message>
        <location filename="../models/app-support/sandboxlauncher.cpp" line="231" />
        <source>The local sandbox stopped unexpectedly (exit code %1).</source>
        <translation>Die lokale Sandbox wurde unerwartet beendet (Exit-Code %1).</translation>
    </message>
    <message>
        <location filename="../models/app-support/telemetry.cpp" line="87" />
        <source>The telemetry answer could not be read.</source>
        <translation>Die Telemetrie-Antwort konnte nicht gelesen werden.</translation>
    </message>
    <message>
        <location filename="../models/app-support/workspace.cpp" line="89" />
        <source>The control plane lists no URL for this cluster.</source>
        <translation>Die Steuerungsebene nennt keine URL für diesen Cluster.</translation>
    </message>
</context>
<context>
    <name>AuditLogModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="175" />
        <source>Date &amp; time</source>
        <translation>Datum und Uhrzeit</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="176" />
        <source>Subject</source>
        <translation>Subjekt</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="177" />
        <source>Subject type</source>
        <translation>Subjekttyp</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="178" />
        <source>Source IP</source>
        <translation>Quell-IP</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="179" />
        <source>Event</source>
        <translation>Ereignis</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="180" />
        <source>Entity type</source>
        <translation>Objekttyp</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="181" />
        <source>Entity name</source>
        <translation>Objektname</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="182" />
        <source>Entity ID</source>
        <translation>Objekt-ID</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="183" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="184" />
        <source>HTTP method</source>
        <translation>HTTP-Methode</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="185" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
</context>
<context>
    <name>ClusterClient</name>
    <message>
        <location filename="../models/clusterclient.cpp" line="9" />
        <source>Cluster %1 at</source>
        <translation>Cluster %1 unter</translation>
    </message>
</context>
<context>
    <name>ClusterModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="23" />
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="24" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="25" />
        <source>URL</source>
        <translation>URL</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="26" />
        <source>Version</source>
        <translation>Version</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="27" />
        <source>Platform</source>
        <translation>Plattform</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="28" />
        <source>Last seen</source>
        <translation>Zuletzt gesehen</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="29" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
</context>
<context>
    <name>ClusterReachability</name>
    <message>
        <location filename="../models/clusterreachability.cpp" line="45" />
        <source>Workload actions and logs for this cluster are unavailable from this computer: %1</source>
        <translation>Workload-Aktionen und Logs für diesen Cluster sind von diesem Computer aus nicht verfügbar: %1</translation>
    </message>
</context>
<context>
    <name>ClusterStatusArea</name>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="66" />
        <source>last sync %1</source>
        <translation>zuletzt synchronisiert %1</translation>
    </message>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="69" />
        <source>not synced yet</source>
        <translation>noch nicht synchronisiert</translation>
    </message>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="74" />
        <source>● %1: connected, %2</source>
        <translation>● %1: verbunden, %2</translation>
    </message>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="78" />
        <source>● %1: unreachable (%2), %3</source>
        <translation>● %1: nicht erreichbar (%2), %3</translation>
    </message>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="82" />
        <source>● %1: checking…</source>
        <translation>● %1: wird geprüft…</translation>
    </message>
    <message>
        <location filename="../widgets/clusterstatusarea.cpp" line="94" />
        <source>No clusters</source>
        <translation>Keine Cluster</translation>
    </message>
</context>
<context>
    <name>CommandPalette</name>
    <message>
        <location filename="../widgets/commandpalette.cpp" line="43" />
        <source>Type a page or an action…</source>
        <translation>Seite oder Aktion eingeben…</translation>
    </message>
</context>
<context>
    <name>ControlPlaneClient</name>
    <message>
        <location filename="../models/controlplaneclient.cpp" line="23" />
        <source>The control plane at</source>
        <translation>Die Steuerungsebene unter</translation>
    </message>
</context>
<context>
    <name>HttpClient</name>
    <message>
        <location filename="../models/httpclient.cpp" line="36" />
        <source>The certificate pin "%1" is not a SHA-256 fingerprint (64 hex digits or base64).</source>
        <translation>Der Zertifikat-Pin „%1“ ist kein SHA-256-Fingerabdruck (64 Hex-Ziffern oder Base64).</translation>
    </message>
</context>
<context>
    <name>LoginDialog</name>
    <message>
        <location filename="../widgets/logindialog.cpp" line="117" />
        <source>Connect to a control plane</source>
        <translation>Mit einer Steuerungsebene verbinden</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="118" />
        <source>Local sandbox (simulated clusters)</source>
        <translation>Lokale Sandbox (simulierte Cluster)</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="119" />
        <source>New profile…</source>
        <translation>Neues Profil…</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="120" />
        <source>gpudesk starts its own control plane and two simulated GPU clusters on this computer and logs in as the demo administrator. Nothing leaves this machine.</source>
        <translation>gpudesk startet auf diesem Computer eine eigene Steuerungsebene und zwei simulierte GPU-Cluster und meldet sich als Demo-Administrator an. Nichts verlässt diesen Rechner.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="123" />
        <source>User name and password</source>
        <translation>Benutzername und Passwort</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="124" />
        <source>Service account (client id and secret)</source>
        <translation>Dienstkonto (Client-ID und Geheimnis)</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="125" />
        <source>System proxy settings</source>
        <translation>Proxy-Einstellungen des Systems</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="126" />
        <source>No proxy</source>
        <translation>Kein Proxy</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="127" />
        <source>This proxy:</source>
        <translation>Dieser Proxy:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="128" />
        <source>Save this profile (without the password or secret)</source>
        <translation>Dieses Profil speichern (ohne Passwort oder Geheimnis)</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="129" />
        <source>optional SHA-256 fingerprint, e.g. AB:CD:…</source>
        <translation>optionaler SHA-256-Fingerabdruck, z. B. AB:CD:…</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="130" />
        <source>optional PEM file with extra CA certificates</source>
        <translation>optionale PEM-Datei mit zusätzlichen CA-Zertifikaten</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="131" />
        <source>host</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="134" />
        <source>Connection:</source>
        <translation>Verbindung:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="136" />
        <source>Profile name:</source>
        <translation>Profilname:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="137" />
        <source>Control plane URL:</source>
        <translation>URL der Steuerungsebene:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="138" />
        <source>Log in with:</source>
        <translation>Anmelden mit:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="139" />
        <source>Client id:</source>
        <translation>Client-ID:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="139" />
        <source>User name:</source>
        <translation>Benutzername:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="140" />
        <source>Client secret:</source>
        <translation>Client-Geheimnis:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="140" />
        <source>Password:</source>
        <translation>Passwort:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="142" />
        <source>Extra CA bundle:</source>
        <translation>Zusätzliches CA-Bündel:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="143" />
        <source>Certificate pin:</source>
        <translation>Zertifikat-Pin:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="144" />
        <source>Proxy:</source>
        <translation>Proxy:</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="153" />
        <source>Connect</source>
        <translation>Verbinden</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="154" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="244" />
        <source>Give the profile a name.</source>
        <translation>Geben Sie dem Profil einen Namen.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="246" />
        <source>Enter the control plane's URL, e.g. https://runai.example.com.</source>
        <translation>Geben Sie die URL der Steuerungsebene ein, z. B. https://runai.example.com.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="249" />
        <source>Enter your user name.</source>
        <translation>Geben Sie Ihren Benutzernamen ein.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="250" />
        <source>Enter the service account's client id.</source>
        <translation>Geben Sie die Client-ID des Dienstkontos ein.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="253" />
        <source>Enter your password.</source>
        <translation>Geben Sie Ihr Passwort ein.</translation>
    </message>
    <message>
        <location filename="../widgets/logindialog.cpp" line="254" />
        <source>Enter the service account's client secret.</source>
        <translation>Geben Sie das Client-Geheimnis des Dienstkontos ein.</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="140" />
        <source>gpudesk</source>
        <translation>gpudesk</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="36" />
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="38" />
        <source>Analytics</source>
        <translation>Analysen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="40" />
        <source>Workloads</source>
        <translation>Workloads</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="42" />
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="44" />
        <source>Access</source>
        <translation>Zugriff</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="46" />
        <source>Nodes &amp; node pools</source>
        <translation>Knoten &amp; Knotenpools</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="48" />
        <source>Clusters</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="50" />
        <source>Event history</source>
        <translation>Ereignisverlauf</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="52" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="146" />
        <source>Go to %1</source>
        <translation>Gehe zu %1</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="148" />
        <source>Command palette</source>
        <translation>Befehlspalette</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="149" />
        <source>Cluster:</source>
        <translation>Cluster:</translation>
    </message>
    <message>
        <location filename="../widgets/mainwindow.cpp" line="243" />
        <source>All clusters</source>
        <translation>Alle Cluster</translation>
    </message>
</context>
<context>
    <name>NodeModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="64" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="65" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="73" />
        <source>Node pool</source>
        <translation>Knotenpool</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="74" />
        <source>GPU type</source>
        <translation>GPU-Typ</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="75" />
        <source>GPU devices</source>
        <translation>GPU-Geräte</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="76" />
        <source>Free GPU devices</source>
        <translation>Freie GPU-Geräte</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="83" />
        <source>Allocated GPUs</source>
        <translation>Zugewiesene GPUs</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="84" />
        <source>CPU cores</source>
        <translation>CPU-Kerne</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="85" />
        <source>CPU memory (bytes)</source>
        <translation>CPU-Speicher (Bytes)</translation>
    </message>
</context>
<context>
    <name>NodePoolModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="41" />
        <source>Node pool</source>
        <translation>Knotenpool</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="42" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="43" />
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="44" />
        <source>Label</source>
        <translation>Label</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="47" />
        <source>Nodes</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="48" />
        <source>GPU devices</source>
        <translation>GPU-Geräte</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="49" />
        <source>Allocated GPUs</source>
        <translation>Zugewiesene GPUs</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="50" />
        <source>GPU placement</source>
        <translation>GPU-Platzierung</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="51" />
        <source>CPU placement</source>
        <translation>CPU-Platzierung</translation>
    </message>
</context>
<context>
    <name>OrganizationPage</name>
    <message>
        <location filename="../widgets/organizationpage.cpp" line="61" />
        <source>Organization</source>
        <translation>Organisation</translation>
    </message>
    <message>
        <location filename="../widgets/organizationpage.cpp" line="62" />
        <source>Departments and projects with GPU quota, allocated GPUs and fair share per node pool. Read-only: quota editing comes with the quota editor.</source>
        <translation>Abteilungen und Projekte mit GPU-Kontingent, zugewiesenen GPUs und fairem Anteil je Knotenpool. Nur lesend: Kontingente bearbeitet man künftig im Kontingent-Editor.</translation>
    </message>
    <message>
        <location filename="../widgets/organizationpage.cpp" line="71" />
        <source>Could not load the organization: %1</source>
        <translation>Die Organisation konnte nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/organizationpage.cpp" line="78" />
        <source>Loaded %1</source>
        <translation>Geladen %1</translation>
    </message>
    <message>
        <location filename="../widgets/organizationpage.cpp" line="79" />
        <source>Loading the organization from the control plane…</source>
        <translation>Die Organisation wird von der Steuerungsebene geladen…</translation>
    </message>
</context>
<context>
    <name>OverviewPage</name>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="146" />
        <source>Ready nodes</source>
        <translation>Bereite Knoten</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="148" />
        <source>Ready GPU devices</source>
        <translation>Bereite GPU-Geräte</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="150" />
        <source>Allocated GPUs</source>
        <translation>Zugewiesene GPUs</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="152" />
        <source>Running workloads</source>
        <translation>Laufende Workloads</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="154" />
        <source>Pending workloads</source>
        <translation>Wartende Workloads</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="163" />
        <source>Overview</source>
        <translation>Übersicht</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="164" />
        <source>Time range:</source>
        <translation>Zeitraum:</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="165" />
        <source>Last 15 minutes</source>
        <translation>Letzte 15 Minuten</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="166" />
        <source>Last hour</source>
        <translation>Letzte Stunde</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="167" />
        <source>Last 6 hours</source>
        <translation>Letzte 6 Stunden</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="168" />
        <source>Last 24 hours</source>
        <translation>Letzte 24 Stunden</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="169" />
        <source>Last 7 days</source>
        <translation>Letzte 7 Tage</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="174" />
        <source>GPU allocation ratio by node pool (%)</source>
        <translation>GPU-Zuweisungsquote je Knotenpool (%)</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="175" />
        <source>GPU allocation by workload type</source>
        <translation>GPU-Zuweisung nach Workload-Typ</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="176" />
        <source>Workloads by status</source>
        <translation>Workloads nach Status</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="177" />
        <source>GPU allocation and utilisation over time</source>
        <translation>GPU-Zuweisung und -Auslastung im Zeitverlauf</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="178" />
        <source>GPU quota and allocation per department</source>
        <translation>GPU-Kontingent und -Zuweisung je Abteilung</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="183" />
        <source>Waiting for the first answer from the control plane…</source>
        <translation>Warte auf die erste Antwort der Steuerungsebene…</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="211" />
        <source>Updated %1</source>
        <translation>Aktualisiert %1</translation>
    </message>
    <message>
        <location filename="../widgets/overviewpage.cpp" line="212" />
        <source>Updated %1 with errors: %2</source>
        <translation>Aktualisiert %1 mit Fehlern: %2</translation>
    </message>
</context>
<context>
    <name>PlaceholderPage</name>
    <message>
        <location filename="../widgets/placeholderpage.cpp" line="31" />
        <source>This page is not built yet.</source>
        <translation>Diese Seite ist noch nicht gebaut.</translation>
    </message>
</context>
<context>
    <name>PodModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="97" />
        <source>Pod</source>
        <translation>Pod</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="98" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="99" />
        <source>Node</source>
        <translation>Knoten</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="100" />
        <source>Node pool</source>
        <translation>Knotenpool</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="101" />
        <source>Image</source>
        <translation>Image</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="102" />
        <source>GPU allocation</source>
        <translation>GPU-Zuweisung</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="103" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
</context>
<context>
    <name>SandboxProgressDialog</name>
    <message>
        <location filename="../widgets/sandboxprogressdialog.cpp" line="54" />
        <source>Starting the local sandbox</source>
        <translation>Lokale Sandbox wird gestartet</translation>
    </message>
    <message>
        <location filename="../widgets/sandboxprogressdialog.cpp" line="56" />
        <source>Starting a control plane and two simulated GPU clusters…</source>
        <translation>Eine Steuerungsebene und zwei simulierte GPU-Cluster werden gestartet…</translation>
    </message>
    <message>
        <location filename="../widgets/sandboxprogressdialog.cpp" line="57" />
        <source>Close</source>
        <translation>Schließen</translation>
    </message>
    <message>
        <location filename="../widgets/sandboxprogressdialog.cpp" line="57" />
        <source>Cancel</source>
        <translation>Abbrechen</translation>
    </message>
</context>
<context>
    <name>ServiceAccountModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="129" />
        <source>Service account</source>
        <translation>Dienstkonto</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="130" />
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="131" />
        <source>Enabled</source>
        <translation>Aktiviert</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="132" />
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="133" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
</context>
<context>
    <name>Session</name>
    <message>
        <location filename="../models/session.cpp" line="136" />
        <source>No saved login for profile %1: log in again.</source>
        <translation>Keine gespeicherte Anmeldung für Profil %1: Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../models/session.cpp" line="137" />
        <source>The keychain could not be read (%1): log in again.</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden (%1): Melden Sie sich erneut an.</translation>
    </message>
    <message>
        <location filename="../models/session.cpp" line="144" />
        <source>The keychain refused to store or delete %1: %2</source>
        <translation>Der Schlüsselbund hat das Speichern oder Löschen von %1 abgelehnt: %2</translation>
    </message>
    <message>
        <location filename="../models/session.cpp" line="262" />
        <source>The control plane could not revoke the session (%1); it was removed from this computer anyway.</source>
        <translation>Die Steuerungsebene konnte die Sitzung nicht widerrufen (%1); sie wurde trotzdem von diesem Computer entfernt.</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <location filename="../widgets/settingspage.cpp" line="54" />
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <location filename="../widgets/settingspage.cpp" line="55" />
        <source>Language:</source>
        <translation>Sprache:</translation>
    </message>
    <message>
        <location filename="../widgets/settingspage.cpp" line="56" />
        <source>The language is kept for the next start; --language overrides it. Further settings (tenant settings, security) are not built yet.</source>
        <translation>Die Sprache gilt auch beim nächsten Start; --language hat Vorrang. Weitere Einstellungen (Mandanten-Einstellungen, Sicherheit) sind noch nicht gebaut.</translation>
    </message>
</context>
<context>
    <name>UnreachableBanners</name>
    <message>
        <location filename="../widgets/unreachablebanners.cpp" line="58" />
        <source>Cluster “%1” cannot be reached: %2
Workload actions for this cluster (submit, suspend, resume, delete, logs) are disabled. Metadata from the control plane (organization, quotas, users, access rules, event history) still works.</source>
        <translation>Cluster „%1“ ist nicht erreichbar: %2
Workload-Aktionen für diesen Cluster (Starten, Anhalten, Fortsetzen, Löschen, Logs) sind deaktiviert. Metadaten der Steuerungsebene (Organisation, Kontingente, Benutzer, Zugriffsregeln, Ereignisverlauf) funktionieren weiterhin.</translation>
    </message>
</context>
<context>
    <name>UserModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="115" />
        <source>User</source>
        <translation>Benutzer</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="116" />
        <source>Local</source>
        <translation>Lokal</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="117" />
        <source>Groups</source>
        <translation>Gruppen</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="120" />
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="121" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="122" />
        <source>Last login</source>
        <translation>Letzte Anmeldung</translation>
    </message>
</context>
<context>
    <name>WorkloadEventModel</name>
    <message>
        <location filename="../models/tablemodels.cpp" line="156" />
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="157" />
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="158" />
        <source>Reason</source>
        <translation>Grund</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="159" />
        <source>Message</source>
        <translation>Meldung</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="160" />
        <source>Source</source>
        <translation>Quelle</translation>
    </message>
    <message>
        <location filename="../models/tablemodels.cpp" line="161" />
        <source>Object</source>
        <translation>Objekt</translation>
    </message>
</context>
<context>
    <name>WorkloadModel</name>
    <message>
        <location filename="../models/workloadmodel.cpp" line="21" />
        <source>Workload</source>
        <translation>Workload</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="22" />
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="23" />
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="24" />
        <source>Project</source>
        <translation>Projekt</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="25" />
        <source>Department</source>
        <translation>Abteilung</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="26" />
        <source>Created by</source>
        <translation>Erstellt von</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="27" />
        <source>Running/requested pods</source>
        <translation>Laufende/angeforderte Pods</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="37" />
        <source>GPU compute request</source>
        <translation>Angeforderte GPU-Rechenleistung</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="44" />
        <source>GPU compute allocation</source>
        <translation>Zugewiesene GPU-Rechenleistung</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="45" />
        <source>Priority</source>
        <translation>Priorität</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="51" />
        <source>Preemptible</source>
        <translation>Verdrängbar</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="52" />
        <source>Yes</source>
        <translation>Ja</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="52" />
        <source>No</source>
        <translation>Nein</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="54" />
        <source>Node pool(s)</source>
        <translation>Knotenpool(s)</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="61" />
        <source>Cluster</source>
        <translation>Cluster</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="62" />
        <source>Creation time</source>
        <translation>Erstellungszeit</translation>
    </message>
    <message>
        <location filename="../models/workloadmodel.cpp" line="63" />
        <source>Completion time</source>
        <translation>Endzeit</translation>
    </message>
</context>
<context>
    <name>WorkloadsPage</name>
    <message numerus="yes">
        <location filename="../widgets/workloadspage.cpp" line="136" />
        <source>%n workload(s) loaded</source>
        <translation><numerusform>%n Workload geladen</numerusform><numerusform>%n Workloads geladen</numerusform></translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="145" />
        <source>Could not load workloads: %1</source>
        <translation>Workloads konnten nicht geladen werden: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="157" />
        <source>Workloads</source>
        <translation>Workloads</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="159" />
        <source>Filter: every word must occur in the row, e.g. “pending team-a”</source>
        <translation>Filter: jedes Wort muss in der Zeile vorkommen, z. B. „pending team-a“</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="160" />
        <source>Suspend</source>
        <translation>Anhalten</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="161" />
        <source>Resume</source>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="162" />
        <source>Delete…</source>
        <translation>Löschen…</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="190" />
        <source>Select a workload to see its details.</source>
        <translation>Wählen Sie einen Workload aus, um seine Details zu sehen.</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="203" />
        <source>Workload: %1</source>
        <translation>Workload: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="204" />
        <source>Type: %1</source>
        <translation>Typ: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="205" />
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="206" />
        <source>Project: %1</source>
        <translation>Projekt: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="207" />
        <source>Department: %1</source>
        <translation>Abteilung: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="208" />
        <source>Cluster: %1</source>
        <translation>Cluster: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="209" />
        <source>Created by: %1</source>
        <translation>Erstellt von: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="210" />
        <source>GPUs requested per pod: %1, allocated: %2</source>
        <translation>GPUs angefordert je Pod: %1, zugewiesen: %2</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="211" />
        <source>Pods running/requested: %1/%2</source>
        <translation>Pods laufend/angefordert: %1/%2</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="213" />
        <source>Message: %1</source>
        <translation>Meldung: %1</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="218" />
        <source>Node pool %1: %2</source>
        <translation>Knotenpool %1: %2</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="221" />
        <source>Why it is pending:</source>
        <translation>Warum er wartet:</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="247" />
        <source>No workload selected.</source>
        <translation>Kein Workload ausgewählt.</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="249" />
        <source>Workload actions are disabled: the workload's cluster cannot be reached (%1).</source>
        <translation>Workload-Aktionen sind deaktiviert: Der Cluster des Workloads ist nicht erreichbar (%1).</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="278" />
        <source>Delete workload</source>
        <translation>Workload löschen</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="279" />
        <source>Delete the workload “%1”? This cannot be undone.</source>
        <translation>Den Workload „%1“ löschen? Das kann nicht rückgängig gemacht werden.</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="286" />
        <source>Request for “%1” accepted.</source>
        <translation>Anfrage für „%1“ angenommen.</translation>
    </message>
    <message>
        <location filename="../widgets/workloadspage.cpp" line="287" />
        <source>“%1”: %2</source>
        <translation>„%1“: %2</translation>
    </message>
</context>
<context>
    <name>api</name>
    <message>
        <location filename="../models/apiparsers.cpp" line="27" />
        <source>The server sent an answer that is not valid JSON.</source>
        <translation>Der Server hat eine Antwort gesendet, die kein gültiges JSON ist.</translation>
    </message>
    <message>
        <location filename="../models/apiparsers.cpp" line="53" />
        <source>The server's answer did not contain the expected list.</source>
        <translation>Die Antwort des Servers enthielt nicht die erwartete Liste.</translation>
    </message>
    <message>
        <location filename="../models/apiparsers.cpp" line="482" />
        <source>The control plane accepted the login but sent no access token.</source>
        <translation>Die Steuerungsebene hat die Anmeldung angenommen, aber kein Zugriffstoken gesendet.</translation>
    </message>
    <message>
        <location filename="../models/apiparsers.cpp" line="534" />
        <source>The server's answer did not describe a workload.</source>
        <translation>Die Antwort des Servers beschrieb keinen Workload.</translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <location filename="../app/main.cpp" line="21" />
        <source>Desktop console for GPU clusters, quotas and workloads.</source>
        <translation>Desktop-Konsole für GPU-Cluster, Kontingente und Workloads.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="26" />
        <source>Connect with the saved profile &lt;name&gt; ("Local sandbox" starts the built-in sandbox).</source>
        <translation>Mit dem gespeicherten Profil &lt;name&gt; verbinden („Local sandbox“ startet die eingebaute Sandbox).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="36" />
        <source>Save a picture of the main window to &lt;file&gt; once the Overview shows live data, then quit (uses the local sandbox unless --profile is given).</source>
        <translation>Ein Bild des Hauptfensters in &lt;file&gt; speichern, sobald die Übersicht Live-Daten zeigt, dann beenden (verwendet die lokale Sandbox, wenn kein --profile angegeben ist).</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="43" />
        <source>Let the local sandbox's simulated time run &lt;n&gt; times faster.</source>
        <translation>Die simulierte Zeit der lokalen Sandbox &lt;n&gt;-mal schneller laufen lassen.</translation>
    </message>
    <message>
        <location filename="../app/main.cpp" line="32" />
        <source>User interface language, e.g. de or en.</source>
        <translation>Sprache der Oberfläche, z. B. de oder en.</translation>
    </message>
</context>
<context>
    <name>models</name>
    <message>
        <location filename="../models/metricseriesmodel.cpp" line="60" />
        <source>Time</source>
        <translation>Zeit</translation>
    </message>
    <message>
        <location filename="../models/orgtreemodel.cpp" line="131" />
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../models/orgtreemodel.cpp" line="135" />
        <source>%1: GPU quota</source>
        <translation>%1: GPU-Kontingent</translation>
    </message>
    <message>
        <location filename="../models/orgtreemodel.cpp" line="136" />
        <source>%1: allocated GPUs</source>
        <translation>%1: zugewiesene GPUs</translation>
    </message>
    <message>
        <location filename="../models/orgtreemodel.cpp" line="137" />
        <source>%1: fair share</source>
        <translation>%1: fairer Anteil</translation>
    </message>
    <message>
        <location filename="../models/rolepermissionmodel.cpp" line="65" />
        <source>%1 has no access to %2</source>
        <translation>%1 hat keinen Zugriff auf %2</translation>
    </message>
    <message>
        <location filename="../models/rolepermissionmodel.cpp" line="66" />
        <source>%1 may %2 %3</source>
        <translation>%1 darf %3: %2</translation>
    </message>
</context>
<context>
    <name>net</name>
    <message>
        <location filename="../models/networksettings.cpp" line="20" />
        <source>The CA bundle %1 cannot be read: %2. Fix the path in the connection profile.</source>
        <translation>Das CA-Bündel %1 kann nicht gelesen werden: %2. Korrigieren Sie den Pfad im Verbindungsprofil.</translation>
    </message>
    <message>
        <location filename="../models/networksettings.cpp" line="29" />
        <source>The CA bundle %1 contains no PEM certificate. Choose a file that starts with -----BEGIN CERTIFICATE-----.</source>
        <translation>Das CA-Bündel %1 enthält kein PEM-Zertifikat. Wählen Sie eine Datei, die mit -----BEGIN CERTIFICATE----- beginnt.</translation>
    </message>
</context>
<context>
    <name>scenario</name>
    <message>
        <location filename="../models/enginebridge.cpp" line="320" />
        <source>This file is not a gpudesk scheduling snapshot (schema kai-scenario/1).</source>
        <translation>Diese Datei ist kein gpudesk-Scheduling-Snapshot (Schema kai-scenario/1).</translation>
    </message>
    <message>
        <location filename="../models/enginebridge.cpp" line="403" />
        <location filename="../models/enginebridge.cpp" line="408" />
        <source>The snapshot cannot be written to %1: %2</source>
        <translation>Der Snapshot kann nicht nach %1 geschrieben werden: %2</translation>
    </message>
    <message>
        <location filename="../models/enginebridge.cpp" line="419" />
        <source>The snapshot %1 cannot be read: %2</source>
        <translation>Der Snapshot %1 kann nicht gelesen werden: %2</translation>
    </message>
    <message>
        <location filename="../models/enginebridge.cpp" line="424" />
        <source>The snapshot %1 is not valid JSON: %2</source>
        <translation>Der Snapshot %1 ist kein gültiges JSON: %2</translation>
    </message>
</context>
</TS>