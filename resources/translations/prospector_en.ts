<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Prospector</source>
        <translation>About Prospector</translation>
    </message>
    <message>
        <source>Plan your B2B prospecting: target companies, the ideal customer, people who can decide, qualified leads and the next call.</source>
        <translation>Plan your B2B prospecting: target companies, the ideal customer, people who can decide, qualified leads and the next call.</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>Log file</source>
        <translation>Log file</translation>
    </message>
</context>
<context>
    <name>ActivityDialog</name>
    <message>
        <source>Plan a touch</source>
        <translation>Plan a touch</translation>
    </message>
    <message>
        <source>Mark as done</source>
        <translation>Mark as done</translation>
    </message>
    <message>
        <source>Log activity</source>
        <translation>Log activity</translation>
    </message>
    <message>
        <source>What to talk about</source>
        <translation>What to talk about</translation>
    </message>
    <message>
        <source>What it was about</source>
        <translation>What it was about</translation>
    </message>
    <message>
        <source>&amp;Kind:</source>
        <translation>&amp;Kind:</translation>
    </message>
    <message>
        <source>&amp;Person:</source>
        <translation>&amp;Person:</translation>
    </message>
    <message>
        <source>&amp;When:</source>
        <translation>&amp;When:</translation>
    </message>
    <message>
        <source>&amp;Due:</source>
        <translation>&amp;Due:</translation>
    </message>
    <message>
        <source>&amp;Outcome:</source>
        <translation>&amp;Outcome:</translation>
    </message>
    <message>
        <source>&amp;Subject:</source>
        <translation>&amp;Subject:</translation>
    </message>
    <message>
        <source>&amp;Talking point:</source>
        <translation>&amp;Talking point:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>&amp;By:</source>
        <translation>&amp;By:</translation>
    </message>
    <message>
        <source>&amp;For:</source>
        <translation>&amp;For:</translation>
    </message>
    <message>
        <source>Plan the &amp;next touch</source>
        <translation>Plan the &amp;next touch</translation>
    </message>
    <message>
        <source>What to talk about next time</source>
        <translation>What to talk about next time</translation>
    </message>
    <message>
        <source>Ki&amp;nd:</source>
        <translation>Ki&amp;nd:</translation>
    </message>
    <message>
        <source>D&amp;ue:</source>
        <translation>D&amp;ue:</translation>
    </message>
    <message>
        <source>T&amp;alking point:</source>
        <translation>T&amp;alking point:</translation>
    </message>
    <message>
        <source>This touch is a step of a nurturing plan: when it is done, the plan&apos;s next step is planned by itself, unless you plan another touch here.</source>
        <translation>This touch is a step of a nurturing plan: when it is done, the plan&apos;s next step is planned by itself, unless you plan another touch here.</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>Plan</translation>
    </message>
    <message>
        <source>Save</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>— (the company)</source>
        <translation>— (the company)</translation>
    </message>
    <message>
        <source>{name} (objected)</source>
        <translation>{name} (objected)</translation>
    </message>
    <message>
        <source>Save &amp;&amp; plan next</source>
        <translation>Save &amp;&amp; plan next</translation>
    </message>
    <message>
        <source>Plan on a day off?</source>
        <translation>Plan on a day off?</translation>
    </message>
    <message>
        <source>{problem} Plan the touch on that day anyway?</source>
        <translation>{problem} Plan the touch on that day anyway?</translation>
    </message>
</context>
<context>
    <name>ActivityImport</name>
    <message>
        <source>no company: the columns “ID” and “Firma” are empty</source>
        <translation>no company: the columns “ID” and “Firma” are empty</translation>
    </message>
    <message>
        <source>there is no company with the ID {value}</source>
        <translation>there is no company with the ID {value}</translation>
    </message>
    <message>
        <source>neither a due date nor a done date</source>
        <translation>neither a due date nor a done date</translation>
    </message>
    <message>
        <source>{name} objected to advertising; no touch is planned for them</source>
        <translation>{name} objected to advertising; no touch is planned for them</translation>
    </message>
    <message>
        <source>{name} is a private person without a consent (channel: {channel}); no touch is planned for them</source>
        <translation>{name} is a private person without a consent (channel: {channel}); no touch is planned for them</translation>
    </message>
    <message>
        <source>the activity was done already; an empty done date does not reopen it</source>
        <translation>the activity was done already; an empty done date does not reopen it</translation>
    </message>
    <message>
        <source>no kind of activity given; a new activity is stored as a note</source>
        <translation>no kind of activity given; a new activity is stored as a note</translation>
    </message>
    <message>
        <source>there is no person with the ID {value}; ignored</source>
        <translation>there is no person with the ID {value}; ignored</translation>
    </message>
    <message>
        <source>the person with the ID {value} is not one of this company’s; ignored</source>
        <translation>the person with the ID {value} is not one of this company’s; ignored</translation>
    </message>
    <message>
        <source>no company named “{name}”</source>
        <translation>no company named “{name}”</translation>
    </message>
    <message>
        <source>{count} companies are named “{name}”; give the company’s ID</source>
        <translation>{count} companies are named “{name}”; give the company’s ID</translation>
    </message>
    <message>
        <source>the company “{name}” is in the trash</source>
        <translation>the company “{name}” is in the trash</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not an ID; ignored</source>
        <translation>“{value}” in column “{column}” is not an ID; ignored</translation>
    </message>
    <message>
        <source>the text in column “{column}” is longer than {limit} characters; it was cut</source>
        <translation>the text in column “{column}” is longer than {limit} characters; it was cut</translation>
    </message>
    <message>
        <source>“{value}” in column “{column}” is not a date; ignored</source>
        <translation>“{value}” in column “{column}” is not a date; ignored</translation>
    </message>
    <message>
        <source>“{value}” is not a kind of activity; a new activity is stored as a note</source>
        <translation>“{value}” is not a kind of activity; a new activity is stored as a note</translation>
    </message>
    <message>
        <source>no person named “{value}” at this company; ignored</source>
        <translation>no person named “{value}” at this company; ignored</translation>
    </message>
    <message>
        <source>several persons at this company are named “{value}”; ignored</source>
        <translation>several persons at this company are named “{value}”; ignored</translation>
    </message>
    <message>
        <source>“{value}” is not an outcome; ignored</source>
        <translation>“{value}” is not an outcome; ignored</translation>
    </message>
    <message>
        <source>the outcome “{value}” needs a done date; ignored</source>
        <translation>the outcome “{value}” needs a done date; ignored</translation>
    </message>
    <message>
        <source>there is no team member named “{value}”; ignored</source>
        <translation>there is no team member named “{value}”; ignored</translation>
    </message>
    <message>
        <source>{name} objected: marked not to be contacted, their planned touches were removed</source>
        <translation>{name} objected: marked not to be contacted, their planned touches were removed</translation>
    </message>
    <message>
        <source>Row {row}: skipped: {reason}.</source>
        <translation>Row {row}: skipped: {reason}.</translation>
    </message>
    <message>
        <source>Row {row}: {problem}.</source>
        <translation>Row {row}: {problem}.</translation>
    </message>
    <message>
        <source>… and {n} more.</source>
        <translation>… and {n} more.</translation>
    </message>
    <message>
        <source>1 activity added</source>
        <translation>1 activity added</translation>
    </message>
    <message>
        <source>{n} activities added</source>
        <translation>{n} activities added</translation>
    </message>
    <message>
        <source>{n} updated</source>
        <translation>{n} updated</translation>
    </message>
    <message>
        <source>{n} unchanged</source>
        <translation>{n} unchanged</translation>
    </message>
    <message>
        <source>{n} skipped</source>
        <translation>{n} skipped</translation>
    </message>
    <message>
        <source>{file}: {counts}.</source>
        <translation>{file}: {counts}.</translation>
    </message>
    <message>
        <source>Dry run: nothing was written.</source>
        <translation>Dry run: nothing was written.</translation>
    </message>
    <message>
        <source>“{first}” or “{second}”</source>
        <translation>“{first}” or “{second}”</translation>
    </message>
    <message>
        <source>The sheet “{sheet}” of {file} is not a list of activities: it has no column {missing}.</source>
        <translation>The sheet “{sheet}” of {file} is not a list of activities: it has no column {missing}.</translation>
    </message>
    <message>
        <source>Import activities</source>
        <translation>Import activities</translation>
    </message>
    <message>
        <source>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</source>
        <translation>Spreadsheets (*.xlsx *.xlsm *.xls *.ods *.csv);;All files (*)</translation>
    </message>
    <message>
        <source>Importing activities…</source>
        <translation>Importing activities…</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
    <message>
        <source>Restore a backup…</source>
        <translation>Restore a backup…</translation>
    </message>
    <message>
        <source>Choose another database…</source>
        <translation>Choose another database…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>Prospector database (*.sqlite);;All files (*)</source>
        <translation>Prospector database (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>The database was updated; a backup is at %1</source>
        <translation>The database was updated; a backup is at %1</translation>
    </message>
</context>
<context>
    <name>ApplyCadenceDialog</name>
    <message>
        <source>Apply a nurturing plan</source>
        <translation>Apply a nurturing plan</translation>
    </message>
    <message numerus="yes">
        <source>%Ln person(s) chosen. A plan they follow already is replaced; people who objected, became an opportunity or were disqualified are left out.</source>
        <translation>
            <numerusform>%Ln person chosen. A plan the person follows already is replaced; a person who objected, became an opportunity or was disqualified is left out.</numerusform>
            <numerusform>%Ln persons chosen. A plan they follow already is replaced; people who objected, became an opportunity or were disqualified are left out.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Plan:</source>
        <translation>&amp;Plan:</translation>
    </message>
    <message>
        <source>&amp;From:</source>
        <translation>&amp;From:</translation>
    </message>
    <message>
        <source>Touches:</source>
        <translation>Touches:</translation>
    </message>
    <message>
        <source>Apply</source>
        <translation>Apply</translation>
    </message>
    <message>
        <source>No plan yet: create one under Nurturing plans…</source>
        <translation>No plan yet: create one under Nurturing plans…</translation>
    </message>
</context>
<context>
    <name>BackupsDialog</name>
    <message>
        <source>Backups</source>
        <translation>Backups</translation>
    </message>
    <message>
        <source>Backups of %1. Prospector makes one each day it is used and one before each update, and keeps one of each of the last 12 days, 10 weeks and 9 months.</source>
        <translation>Backups of %1. Prospector makes one each day it is used and one before each update, and keeps one of each of the last 12 days, 10 weeks and 9 months.</translation>
    </message>
    <message>
        <source>Taken</source>
        <translation>Taken</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Companies</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>No backups yet. “Back up now” makes the first one.</source>
        <translation>No backups yet. “Back up now” makes the first one.</translation>
    </message>
    <message>
        <source>&amp;Back up now</source>
        <translation>&amp;Back up now</translation>
    </message>
    <message>
        <source>&amp;Restore…</source>
        <translation>&amp;Restore…</translation>
    </message>
    <message>
        <source>Open &amp;folder</source>
        <translation>Open &amp;folder</translation>
    </message>
    <message>
        <source>unreadable</source>
        <translation>unreadable</translation>
    </message>
    <message>
        <source>%1 MB</source>
        <translation>%1 MB</translation>
    </message>
    <message>
        <source>Daily backup</source>
        <translation>Daily backup</translation>
    </message>
    <message>
        <source>Backed up by hand</source>
        <translation>Backed up by hand</translation>
    </message>
    <message>
        <source>Before a restore</source>
        <translation>Before a restore</translation>
    </message>
    <message>
        <source>Damaged file, kept as it was</source>
        <translation>Damaged file, kept as it was</translation>
    </message>
    <message>
        <source>Before an update (schema %1)</source>
        <translation>Before an update (schema %1)</translation>
    </message>
    <message>
        <source>Backing up…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Restore backup</source>
        <translation>Restore backup</translation>
    </message>
    <message>
        <source>Replace the database by the backup of %1? It holds %2 companies and %3 contacts; what was changed since is replaced.</source>
        <translation>Replace the database by the backup of %1? It holds %2 companies and %3 contacts; what was changed since is replaced.</translation>
    </message>
    <message>
        <source>The database as it is now is backed up first: restoring that backup undoes this.</source>
        <translation>The database as it is now is backed up first: restoring that backup undoes this.</translation>
    </message>
    <message>
        <source>&amp;Restore</source>
        <translation>&amp;Restore</translation>
    </message>
    <message>
        <source>Restoring…</source>
        <translation>Restoring…</translation>
    </message>
    <message>
        <source>Restored. The state before it is kept as the backup of %1.</source>
        <translation>Restored. The state before it is kept as the backup of %1.</translation>
    </message>
</context>
<context>
    <name>CadenceTexts</name>
    <message>
        <source>objected</source>
        <translation>objected</translation>
    </message>
    <message>
        <source>opportunity or disqualified</source>
        <translation>opportunity or disqualified</translation>
    </message>
    <message>
        <source>without a company</source>
        <translation>without a company</translation>
    </message>
    <message>
        <source>deleted meanwhile</source>
        <translation>deleted meanwhile</translation>
    </message>
</context>
<context>
    <name>Cadences</name>
    <message>
        <source>Long cycle: 6 touches in 9 months</source>
        <translation>Long cycle: 6 touches in 9 months</translation>
    </message>
    <message>
        <source>Introduce yourself and ask what is planned.</source>
        <translation>Introduce yourself and ask what is planned.</translation>
    </message>
    <message>
        <source>Send a reference from their industry.</source>
        <translation>Send a reference from their industry.</translation>
    </message>
    <message>
        <source>Ask about the reference; check the timing.</source>
        <translation>Ask about the reference; check the timing.</translation>
    </message>
    <message>
        <source>Send printed material or an invitation.</source>
        <translation>Send printed material or an invitation.</translation>
    </message>
    <message>
        <source>Ask what has changed since then.</source>
        <translation>Ask what has changed since then.</translation>
    </message>
    <message>
        <source>Ask for a meeting or a date to decide.</source>
        <translation>Ask for a meeting or a date to decide.</translation>
    </message>
    <message>
        <source>Short cycle: 4 touches in 6 weeks</source>
        <translation>Short cycle: 4 touches in 6 weeks</translation>
    </message>
    <message>
        <source>Introduce yourself and find out who decides.</source>
        <translation>Introduce yourself and find out who decides.</translation>
    </message>
    <message>
        <source>Send the information promised on the phone.</source>
        <translation>Send the information promised on the phone.</translation>
    </message>
    <message>
        <source>Ask about the information; agree next steps.</source>
        <translation>Ask about the information; agree next steps.</translation>
    </message>
    <message>
        <source>Ask for a meeting or when to call again.</source>
        <translation>Ask for a meeting or when to call again.</translation>
    </message>
    <message>
        <source>Re-qualify after a year</source>
        <translation>Re-qualify after a year</translation>
    </message>
    <message>
        <source>Remind them of you before the next budget.</source>
        <translation>Remind them of you before the next budget.</translation>
    </message>
    <message>
        <source>Check the four criteria again.</source>
        <translation>Check the four criteria again.</translation>
    </message>
</context>
<context>
    <name>CadencesDialog</name>
    <message>
        <source>Nurturing plans</source>
        <translation>Nurturing plans</translation>
    </message>
    <message>
        <source>&amp;New</source>
        <translation>&amp;New</translation>
    </message>
    <message>
        <source>&amp;Delete…</source>
        <translation>&amp;Delete…</translation>
    </message>
    <message>
        <source>Add the &amp;suggested plans</source>
        <translation>Add the &amp;suggested plans</translation>
    </message>
    <message>
        <source>&amp;Offered when applying a plan</source>
        <translation>&amp;Offered when applying a plan</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Days after the step before</source>
        <translation>Days after the step before</translation>
    </message>
    <message>
        <source>Talking point</source>
        <translation>Talking point</translation>
    </message>
    <message>
        <source>Add &amp;step</source>
        <translation>Add &amp;step</translation>
    </message>
    <message>
        <source>&amp;Remove step</source>
        <translation>&amp;Remove step</translation>
    </message>
    <message>
        <source>&amp;Up</source>
        <translation>&amp;Up</translation>
    </message>
    <message>
        <source>Do&amp;wn</source>
        <translation>Do&amp;wn</translation>
    </message>
    <message>
        <source>&amp;Save plan</source>
        <translation>&amp;Save plan</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>D&amp;escription:</source>
        <translation>D&amp;escription:</translation>
    </message>
    <message>
        <source>A plan only puts touches in the calendar for a person to make. It never sends anything by itself: advertising e-mails need the recipient&apos;s consent.</source>
        <translation>A plan only puts touches in the calendar for a person to make. It never sends anything by itself: advertising e-mails need the recipient&apos;s consent.</translation>
    </message>
    <message>
        <source>{name} (retired)</source>
        <translation>{name} (retired)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln lead(s) follow this plan now</source>
        <translation>
            <numerusform>%Ln lead follows this plan now</numerusform>
            <numerusform>%Ln leads follow this plan now</numerusform>
        </translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>No steps yet.</source>
        <translation>No steps yet.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es) over {days} days (about {months} months).</source>
        <translation>
            <numerusform>%Ln touch over {days} days (about {months} months).</numerusform>
            <numerusform>%Ln touches over {days} days (about {months} months).</numerusform>
        </translation>
    </message>
    <message>
        <source>Applied today: {dates}</source>
        <translation>Applied today: {dates}</translation>
    </message>
    <message>
        <source>“{name}” has been used, so it is retired instead: it stays in the history of the leads that followed it, and is no longer offered. Retire it?</source>
        <translation>“{name}” has been used, so it is retired instead: it stays in the history of the leads that followed it, and is no longer offered. Retire it?</translation>
    </message>
    <message>
        <source>Delete the plan “{name}”?</source>
        <translation>Delete the plan “{name}”?</translation>
    </message>
</context>
<context>
    <name>Calendar</name>
    <message>
        <source>Prospector: planned touches</source>
        <translation>Prospector: planned touches</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>Overdue</source>
        <translation>Overdue</translation>
    </message>
    <message>
        <source>Today</source>
        <translation>Today</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>Planned</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Talking point</source>
        <translation>Talking point</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>all day</source>
        <translation>all day</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Last touch</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>never</source>
        <translation>never</translation>
    </message>
</context>
<context>
    <name>CalendarPage</name>
    <message>
        <source>Previous month, week or day (Alt+Left)</source>
        <translation>Previous month, week or day (Alt+Left)</translation>
    </message>
    <message>
        <source>Previous</source>
        <translation>Previous</translation>
    </message>
    <message>
        <source>&amp;Today</source>
        <translation>&amp;Today</translation>
    </message>
    <message>
        <source>Go to today (Alt+Home)</source>
        <translation>Go to today (Alt+Home)</translation>
    </message>
    <message>
        <source>Next month, week or day (Alt+Right)</source>
        <translation>Next month, week or day (Alt+Right)</translation>
    </message>
    <message>
        <source>Next</source>
        <translation>Next</translation>
    </message>
    <message>
        <source>Mo&amp;nth</source>
        <translation>Mo&amp;nth</translation>
    </message>
    <message>
        <source>&amp;Week</source>
        <translation>&amp;Week</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <source>For&amp;gotten leads</source>
        <translation>For&amp;gotten leads</translation>
    </message>
    <message>
        <source>Leads with nothing planned: in nurturing, or not touched for long</source>
        <translation>Leads with nothing planned: in nurturing, or not touched for long</translation>
    </message>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>&amp;Move…</source>
        <translation>&amp;Move…</translation>
    </message>
    <message>
        <source>Move the touch to another day or time (F2, or drag it onto a day)</source>
        <translation>Move the touch to another day or time (F2, or drag it onto a day)</translation>
    </message>
    <message>
        <source>Move touch</source>
        <translation>Move touch</translation>
    </message>
    <message>
        <source>O&amp;pen…</source>
        <translation>O&amp;pen…</translation>
    </message>
    <message>
        <source>Open the touch (Enter or double-click)</source>
        <translation>Open the touch (Enter or double-click)</translation>
    </message>
    <message>
        <source>O&amp;pen lead…</source>
        <translation>O&amp;pen lead…</translation>
    </message>
    <message>
        <source>Open the person (Enter or double-click)</source>
        <translation>Open the person (Enter or double-click)</translation>
    </message>
    <message>
        <source>For&amp;gotten leads (%1)</source>
        <translation>For&amp;gotten leads (%1)</translation>
    </message>
    <message>
        <source>Forgotten leads</source>
        <translation>Forgotten leads</translation>
    </message>
    <message>
        <source>Week %1: %2 – %3</source>
        <translation>Week %1: %2 – %3</translation>
    </message>
    <message>
        <source>public holiday: %1</source>
        <translation>public holiday: %1</translation>
    </message>
    <message>
        <source>public holiday %1: %2</source>
        <translation>public holiday %1: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es)</source>
        <translation>
            <numerusform>%Ln touch</numerusform>
            <numerusform>%Ln touches</numerusform>
        </translation>
    </message>
    <message>
        <source>nothing planned</source>
        <translation>nothing planned</translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue from earlier days</source>
        <translation>
            <numerusform>%Ln overdue from earlier days</numerusform>
            <numerusform>%Ln overdue from earlier days</numerusform>
        </translation>
    </message>
    <message>
        <source>No forgotten leads: every lead has a touch planned.</source>
        <translation>No forgotten leads: every lead has a touch planned.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln forgotten lead(s)</source>
        <translation>
            <numerusform>%Ln forgotten lead</numerusform>
            <numerusform>%Ln forgotten leads</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>, the %Ln longest untouched shown</source>
        <translation>
            <numerusform>, the %Ln longest untouched shown</numerusform>
            <numerusform>, the %Ln longest untouched shown</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nothing planned, and in nurturing or not touched for %Ln day(s).</source>
        <translation>
            <numerusform>Nothing planned, and in nurturing or not touched for %Ln day.</numerusform>
            <numerusform>Nothing planned, and in nurturing or not touched for %Ln days.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 is a public holiday (%2). Plan it there anyway?</source>
        <translation>%1 is a public holiday (%2). Plan it there anyway?</translation>
    </message>
    <message>
        <source>%1 falls on a weekend. Plan it there anyway?</source>
        <translation>%1 falls on a weekend. Plan it there anyway?</translation>
    </message>
</context>
<context>
    <name>CallDay</name>
    <message>
        <source>overdue %1</source>
        <translation>overdue %1</translation>
    </message>
    <message>
        <source>%1 (switchboard)</source>
        <translation>%1 (switchboard)</translation>
    </message>
    <message>
        <source>do not contact; %Ln touch(es) cancelled</source>
        <translation>do not contact; %Ln touch(es) cancelled</translation>
    </message>
    <message>
        <source>no one to call instead</source>
        <translation>no one to call instead</translation>
    </message>
    <message>
        <source>next try %1</source>
        <translation>next try %1</translation>
    </message>
    <message>
        <source>call back %1 %2</source>
        <translation>call back %1 %2</translation>
    </message>
    <message>
        <source>colleague to call %1</source>
        <translation>colleague to call %1</translation>
    </message>
    <message>
        <source>next step: %1 %2</source>
        <translation>next step: %1 %2</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Last touch</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Open criteria</source>
        <translation>Open criteria</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Overdue since %1</source>
        <translation>Overdue since %1</translation>
    </message>
    <message>
        <source>The company&apos;s switchboard: the person has no number</source>
        <translation>The company&apos;s switchboard: the person has no number</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>Planned next</source>
        <translation>Planned next</translation>
    </message>
</context>
<context>
    <name>CallDayPage</name>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>Create &amp;PDF…</source>
        <translation>Create &amp;PDF…</translation>
    </message>
    <message>
        <source>The list and a sheet per call, in this order (Ctrl+P)</source>
        <translation>The list and a sheet per call, in this order (Ctrl+P)</translation>
    </message>
    <message>
        <source>Create PDF</source>
        <translation>Create PDF</translation>
    </message>
    <message>
        <source>&amp;Enter outcomes</source>
        <translation>&amp;Enter outcomes</translation>
    </message>
    <message>
        <source>One key per call, in the printed order</source>
        <translation>One key per call, in the printed order</translation>
    </message>
    <message>
        <source>&amp;Date</source>
        <translation>&amp;Date</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>Move &amp;up</source>
        <translation>Move &amp;up</translation>
    </message>
    <message>
        <source>Call it earlier (Alt+Up, or drag the row)</source>
        <translation>Call it earlier (Alt+Up, or drag the row)</translation>
    </message>
    <message>
        <source>Move do&amp;wn</source>
        <translation>Move do&amp;wn</translation>
    </message>
    <message>
        <source>Call it later (Alt+Down, or drag the row)</source>
        <translation>Call it later (Alt+Down, or drag the row)</translation>
    </message>
    <message>
        <source>&amp;Remove from this list</source>
        <translation>&amp;Remove from this list</translation>
    </message>
    <message>
        <source>Leave it off today&apos;s printout (Del); the planned call stays as it is</source>
        <translation>Leave it off today&apos;s printout (Del); the planned call stays as it is</translation>
    </message>
    <message>
        <source>&amp;Sort by priority</source>
        <translation>&amp;Sort by priority</translation>
    </message>
    <message>
        <source>Overdue first, then the better fit, then the lead nearer to a deal</source>
        <translation>Overdue first, then the better fit, then the lead nearer to a deal</translation>
    </message>
    <message>
        <source>The list prints in this order. Drag a row, or press Alt+Up or Alt+Down, to move a call; Del leaves it off this printout.</source>
        <translation>The list prints in this order. Drag a row, or press Alt+Up or Alt+Down, to move a call; Del leaves it off this printout.</translation>
    </message>
    <message>
        <source>%1 is a public holiday: %2.</source>
        <translation>%1 is a public holiday: %2.</translation>
    </message>
    <message>
        <source>%1 falls on a weekend.</source>
        <translation>%1 falls on a weekend.</translation>
    </message>
    <message>
        <source>No calls planned for this day.</source>
        <translation>No calls planned for this day.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln call(s)</source>
        <translation>
            <numerusform>%Ln call</numerusform>
            <numerusform>%Ln calls</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln overdue</numerusform>
            <numerusform>%Ln overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln taken off this list</source>
        <translation>
            <numerusform>%Ln taken off this list</numerusform>
            <numerusform>%Ln taken off this list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>PDF written: %1, %Ln page(s)</source>
        <translation>
            <numerusform>PDF written: %1, %Ln page</numerusform>
            <numerusform>PDF written: %1, %Ln pages</numerusform>
        </translation>
    </message>
    <message>
        <source>Call-day-%1.pdf</source>
        <translation>Call-day-%1.pdf</translation>
    </message>
    <message>
        <source>Save the call day</source>
        <translation>Save the call day</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>Writing the call day…</source>
        <translation>Writing the call day…</translation>
    </message>
    <message>
        <source>Cancelled; no PDF was written.</source>
        <translation>Cancelled; no PDF was written.</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
</context>
<context>
    <name>CallOutcomeDialog</name>
    <message>
        <source>Call outcome</source>
        <translation>Call outcome</translation>
    </message>
    <message>
        <source>&amp;Reached</source>
        <translation>&amp;Reached</translation>
    </message>
    <message>
        <source>&amp;Not reached</source>
        <translation>&amp;Not reached</translation>
    </message>
    <message>
        <source>&amp;Call back</source>
        <translation>&amp;Call back</translation>
    </message>
    <message>
        <source>&amp;Wrong person</source>
        <translation>&amp;Wrong person</translation>
    </message>
    <message>
        <source>Not &amp;interested</source>
        <translation>Not &amp;interested</translation>
    </message>
    <message>
        <source>&amp;Objected (do not contact)</source>
        <translation>&amp;Objected (do not contact)</translation>
    </message>
    <message>
        <source>Appoint&amp;ment made</source>
        <translation>Appoint&amp;ment made</translation>
    </message>
    <message>
        <source>In&amp;formation sent</source>
        <translation>In&amp;formation sent</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>What was said, what to remember</source>
        <translation>What was said, what to remember</translation>
    </message>
    <message>
        <source>Not&amp;es</source>
        <translation>Not&amp;es</translation>
    </message>
    <message>
        <source>This call is recorded already.</source>
        <translation>This call is recorded already.</translation>
    </message>
    <message>
        <source>What the call showed of the four criteria:</source>
        <translation>What the call showed of the four criteria:</translation>
    </message>
    <message>
        <source>Save and open the full chec&amp;klist…</source>
        <translation>Save and open the full chec&amp;klist…</translation>
    </message>
    <message>
        <source>Also the colleagues who decide, the pains, the budget&apos;s range, the decision&apos;s date</source>
        <translation>Also the colleagues who decide, the pains, the budget&apos;s range, the decision&apos;s date</translation>
    </message>
    <message>
        <source>Your entries are still here. Save again to store them over the other change, which stays in the history.</source>
        <translation>Your entries are still here. Save again to store them over the other change, which stays in the history.</translation>
    </message>
    <message>
        <source>Next tr&amp;y on</source>
        <translation>Next tr&amp;y on</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <source>The plan with this person ends. A call with the colleague you choose is planned for the next working day.</source>
        <translation>The plan with this person ends. A call with the colleague you choose is planned for the next working day.</translation>
    </message>
    <message>
        <source>Refer &amp;to</source>
        <translation>Refer &amp;to</translation>
    </message>
    <message>
        <source>In the person&apos;s words, e.g. no advertising calls</source>
        <translation>In the person&apos;s words, e.g. no advertising calls</translation>
    </message>
    <message>
        <source>O&amp;bjected on</source>
        <translation>O&amp;bjected on</translation>
    </message>
    <message>
        <source>Re&amp;ason *</source>
        <translation>Re&amp;ason *</translation>
    </message>
    <message>
        <source>Unanswered attempts in a row, this one included: %1</source>
        <translation>Unanswered attempts in a row, this one included: %1</translation>
    </message>
    <message numerus="yes">
        <source>The person is marked do-not-contact, and %Ln other planned touch(es) with them are cancelled.</source>
        <translation>
            <numerusform>The person is marked do-not-contact, and %Ln other planned touch with them is cancelled.</numerusform>
            <numerusform>The person is marked do-not-contact, and %Ln other planned touches with them are cancelled.</numerusform>
        </translation>
    </message>
    <message>
        <source>That day is a public holiday: %1.</source>
        <translation>That day is a public holiday: %1.</translation>
    </message>
    <message>
        <source>That day falls on a weekend.</source>
        <translation>That day falls on a weekend.</translation>
    </message>
</context>
<context>
    <name>CallSheet</name>
    <message>
        <source>Whole team</source>
        <translation>Whole team</translation>
    </message>
    <message>
        <source>Call list</source>
        <translation>Call list</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>Due</source>
        <translation>Due</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Last touch</source>
        <translation>Last touch</translation>
    </message>
    <message>
        <source>Next step</source>
        <translation>Next step</translation>
    </message>
    <message>
        <source>Open criteria</source>
        <translation>Open criteria</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>overdue</source>
        <translation>overdue</translation>
    </message>
    <message>
        <source>(switchboard)</source>
        <translation>(switchboard)</translation>
    </message>
    <message>
        <source>No calls are planned for this day.</source>
        <translation>No calls are planned for this day.</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Page {page} of {pages}</translation>
    </message>
    <message>
        <source>No phone number</source>
        <translation>No phone number</translation>
    </message>
    <message>
        <source>Status: {status}</source>
        <translation>Status: {status}</translation>
    </message>
    <message>
        <source>Stage: {stage}</source>
        <translation>Stage: {stage}</translation>
    </message>
    <message>
        <source>Fit score: {score}</source>
        <translation>Fit score: {score}</translation>
    </message>
    <message>
        <source>Owner: {owner}</source>
        <translation>Owner: {owner}</translation>
    </message>
    <message>
        <source>Overdue since {date}</source>
        <translation>Overdue since {date}</translation>
    </message>
    <message>
        <source>Due {time}</source>
        <translation>Due {time}</translation>
    </message>
    <message>
        <source>Persona: {persona}</source>
        <translation>Persona: {persona}</translation>
    </message>
    <message>
        <source>Talking points</source>
        <translation>Talking points</translation>
    </message>
    <message>
        <source>Pain points</source>
        <translation>Pain points</translation>
    </message>
    <message>
        <source>Value proposition</source>
        <translation>Value proposition</translation>
    </message>
    <message>
        <source>Qualification</source>
        <translation>Qualification</translation>
    </message>
    <message>
        <source>Recent activities</source>
        <translation>Recent activities</translation>
    </message>
    <message>
        <source>No activities yet</source>
        <translation>No activities yet</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Source of the data: {source}</source>
        <translation>Source of the data: {source}</translation>
    </message>
    <message>
        <source>not recorded</source>
        <translation>not recorded</translation>
    </message>
    <message>
        <source>Art. 21 GDPR: the person may object to the use of their data for advertising at any time; record an objection at once as do-not-contact.</source>
        <translation>Art. 21 GDPR: the person may object to the use of their data for advertising at any time; record an objection at once as do-not-contact.</translation>
    </message>
</context>
<context>
    <name>Check</name>
    <message>
        <source>The file is whole (SQLite&apos;s integrity check).</source>
        <translation>The file is whole (SQLite&apos;s integrity check).</translation>
    </message>
    <message>
        <source>The server keeps the database files whole itself.</source>
        <translation>The server keeps the database files whole itself.</translation>
    </message>
    <message>
        <source>No record refers to a record that is gone.</source>
        <translation>No record refers to a record that is gone.</translation>
    </message>
    <message>
        <source>The sort names of all companies are right.</source>
        <translation>The sort names of all companies are right.</translation>
    </message>
    <message>
        <source>The search text of every company and contact is current.</source>
        <translation>The search text of every company and contact is current.</translation>
    </message>
    <message>
        <source>The full-text indexes of the search are in step.</source>
        <translation>The full-text indexes of the search are in step.</translation>
    </message>
    <message>
        <source>References to records that are gone: {found}; removed: {repaired}.</source>
        <translation>References to records that are gone: {found}; removed: {repaired}.</translation>
    </message>
    <message>
        <source>Sort names of companies out of date, now renewed: {found}.</source>
        <translation>Sort names of companies out of date, now renewed: {found}.</translation>
    </message>
    <message>
        <source>Search texts out of date, now renewed: {found}.</source>
        <translation>Search texts out of date, now renewed: {found}.</translation>
    </message>
    <message>
        <source>Full-text indexes out of step, now rebuilt: {found}.</source>
        <translation>Full-text indexes out of step, now rebuilt: {found}.</translation>
    </message>
    <message>
        <source>{location} is damaged: SQLite&apos;s integrity check found problems. Nothing was changed. Restore a backup of it (File › Backups).</source>
        <translation>{location} is damaged: SQLite&apos;s integrity check found problems. Nothing was changed. Restore a backup of it (File › Backups).</translation>
    </message>
    <message>
        <source>{location} is in order again: {companies} companies, {contacts} contacts. Problems repaired: {repaired}.</source>
        <translation>{location} is in order again: {companies} companies, {contacts} contacts. Problems repaired: {repaired}.</translation>
    </message>
    <message>
        <source>{location} is in order: {companies} companies, {contacts} contacts.</source>
        <translation>{location} is in order: {companies} companies, {contacts} contacts.</translation>
    </message>
</context>
<context>
    <name>CheckReportDialog</name>
    <message>
        <source>Check the database</source>
        <translation>Check the database</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Backups…</translation>
    </message>
</context>
<context>
    <name>Cli</name>
    <message>
        <source>{location} was updated for this version of Prospector.</source>
        <translation>{location} was updated for this version of Prospector.</translation>
    </message>
    <message>
        <source>{location} was updated for this version of Prospector; the backup of it as it was is {backup}.</source>
        <translation>{location} was updated for this version of Prospector; the backup of it as it was is {backup}.</translation>
    </message>
    <message>
        <source>Prospector stopped on an unexpected error ({kind}); nothing was changed. The details are in the log file {log}.</source>
        <translation>Prospector stopped on an unexpected error ({kind}); nothing was changed. The details are in the log file {log}.</translation>
    </message>
    <message>
        <source>There is no saved view named “{view}”.</source>
        <translation>There is no saved view named “{view}”.</translation>
    </message>
    <message>
        <source>{file}: {companies} companies, {contacts} contacts, {activities} activities exported.</source>
        <translation>{file}: {companies} companies, {contacts} contacts, {activities} activities exported.</translation>
    </message>
    <message>
        <source>Cleaned for Excel: sheet {sheet}, row {row}, column “{column}”.</source>
        <translation>Cleaned for Excel: sheet {sheet}, row {row}, column “{column}”.</translation>
    </message>
    <message>
        <source>Backup written: {path} ({size} MB).</source>
        <translation>Backup written: {path} ({size} MB).</translation>
    </message>
    <message>
        <source>There is no team member named “{name}”.</source>
        <translation>There is no team member named “{name}”.</translation>
    </message>
    <message>
        <source>{file} could not be written: {reason}</source>
        <translation>{file} could not be written: {reason}</translation>
    </message>
    <message>
        <source>{file}: no calls are planned for {date}.</source>
        <translation>{file}: no calls are planned for {date}.</translation>
    </message>
    <message>
        <source>{file}: {calls} calls on {pages} pages.</source>
        <translation>{file}: {calls} calls on {pages} pages.</translation>
    </message>
    <message>
        <source>{file}: {events} planned touches exported.</source>
        <translation>{file}: {events} planned touches exported.</translation>
    </message>
</context>
<context>
    <name>ColumnsPage</name>
    <message>
        <source>Match the columns</source>
        <translation>Match the columns</translation>
    </message>
    <message>
        <source>Choose for each column of the file what it holds. Columns set to “— ignore —” are not imported.</source>
        <translation>Choose for each column of the file what it holds. Columns set to “— ignore —” are not imported.</translation>
    </message>
    <message numerus="yes">
        <source>Headers found in row %1 of “%2”; %Ln rows of data below.</source>
        <translation>
            <numerusform>Headers found in row %1 of “%2”; %Ln row of data below.</numerusform>
            <numerusform>Headers found in row %1 of “%2”; %Ln rows of data below.</numerusform>
        </translation>
    </message>
    <message>
        <source>“%1” can come from one column only; the column “%2” is now ignored.</source>
        <translation>“%1” can come from one column only; the column “%2” is now ignored.</translation>
    </message>
    <message numerus="yes">
        <source>“%1” now comes from %Ln columns, joined in their order.</source>
        <translation>
            <numerusform>“%1” now comes from %Ln column, joined in their order.</numerusform>
            <numerusform>“%1” now comes from %Ln columns, joined in their order.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>“%1” now comes from %Ln columns: the first filled one is stored, the others are kept with the record.</source>
        <translation>
            <numerusform>“%1” now comes from %Ln column: the first filled one is stored, the others are kept with the record.</numerusform>
            <numerusform>“%1” now comes from %Ln columns: the first filled one is stored, the others are kept with the record.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing identifies a row yet: choose the column that holds the company name, the person&apos;s last name or full name, or the ID from an export.</source>
        <translation>Nothing identifies a row yet: choose the column that holds the company name, the person&apos;s last name or full name, or the ID from an export.</translation>
    </message>
</context>
<context>
    <name>CompaniesPage</name>
    <message>
        <source>Move to &amp;trash…</source>
        <translation>Move to &amp;trash…</translation>
    </message>
    <message>
        <source>No company matches the search and the filters.</source>
        <translation>No company matches the search and the filters.</translation>
    </message>
    <message>
        <source>No companies yet. Import a spreadsheet (Ctrl+I), create a company (Ctrl+N) or load the sample data from the File menu.</source>
        <translation>No companies yet. Import a spreadsheet (Ctrl+I), create a company (Ctrl+N) or load the sample data from the File menu.</translation>
    </message>
    <message>
        <source>Saved views: filters with their columns</source>
        <translation>Saved views: filters with their columns</translation>
    </message>
    <message>
        <source>Save view…</source>
        <translation>Save view…</translation>
    </message>
    <message>
        <source>Delete view</source>
        <translation>Delete view</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>All companies</translation>
    </message>
    <message>
        <source>Save view</source>
        <translation>Save view</translation>
    </message>
    <message>
        <source>Name of the view:</source>
        <translation>Name of the view:</translation>
    </message>
    <message>
        <source>Replace the view “%1”?</source>
        <translation>Replace the view “%1”?</translation>
    </message>
    <message>
        <source>Delete the view “%1”? The companies stay as they are.</source>
        <translation>Delete the view “%1”? The companies stay as they are.</translation>
    </message>
    <message>
        <source>Move to trash</source>
        <translation>Move to trash</translation>
    </message>
    <message numerus="yes">
        <source>Move %Ln company(s) to the trash? You can restore them from the trash for 30 days.</source>
        <translation>
            <numerusform>Move %Ln company to the trash? You can restore it from the trash for 30 days.</numerusform>
            <numerusform>Move %Ln companies to the trash? You can restore them from the trash for 30 days.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nobody</translation>
    </message>
    <message>
        <source>Set owner</source>
        <translation>Set owner</translation>
    </message>
    <message numerus="yes">
        <source>Owner of %Ln company(s):</source>
        <translation>
            <numerusform>Owner of %Ln company:</numerusform>
            <numerusform>Owner of %Ln companies:</numerusform>
        </translation>
    </message>
    <message>
        <source>Add tags</source>
        <translation>Add tags</translation>
    </message>
    <message numerus="yes">
        <source>Tags for %Ln company(s), separated by commas:</source>
        <translation>
            <numerusform>Tags for %Ln company, separated by commas:</numerusform>
            <numerusform>Tags for %Ln companies, separated by commas:</numerusform>
        </translation>
    </message>
    <message>
        <source>Remove tag</source>
        <translation>Remove tag</translation>
    </message>
    <message numerus="yes">
        <source>Remove this tag from %Ln company(s):</source>
        <translation>
            <numerusform>Remove this tag from %Ln company:</numerusform>
            <numerusform>Remove this tag from %Ln companies:</numerusform>
        </translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Do not contact</translation>
    </message>
    <message numerus="yes">
        <source>All contacts of %Ln company(s) objected to being contacted. Reason (optional):</source>
        <translation>
            <numerusform>All contacts of %Ln company objected to being contacted. Reason (optional):</numerusform>
            <numerusform>All contacts of %Ln companies objected to being contacted. Reason (optional):</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>Set &amp;owner…</source>
        <translation>Set &amp;owner…</translation>
    </message>
    <message>
        <source>&amp;Add tags…</source>
        <translation>&amp;Add tags…</translation>
    </message>
    <message>
        <source>&amp;Remove tag…</source>
        <translation>&amp;Remove tag…</translation>
    </message>
    <message>
        <source>Set &amp;stage</source>
        <translation>Set &amp;stage</translation>
    </message>
    <message>
        <source>&amp;Do not contact…</source>
        <translation>&amp;Do not contact…</translation>
    </message>
    <message>
        <source>&amp;Merge the two…</source>
        <translation>&amp;Merge the two…</translation>
    </message>
</context>
<context>
    <name>CompanyDialog</name>
    <message>
        <source>New company</source>
        <translation>New company</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>in euros, e.g. 2.500.000</source>
        <translation>in euros, e.g. 2.500.000</translation>
    </message>
    <message>
        <source>e.g. DE136695976</source>
        <translation>e.g. DE136695976</translation>
    </message>
    <message>
        <source>e.g. 0351 123456</source>
        <translation>e.g. 0351 123456</translation>
    </message>
    <message>
        <source>e.g. www.example.de</source>
        <translation>e.g. www.example.de</translation>
    </message>
    <message>
        <source>e.g. Trade fair 2024, Customer</source>
        <translation>e.g. Trade fair 2024, Customer</translation>
    </message>
    <message>
        <source>Separate tags with commas.</source>
        <translation>Separate tags with commas.</translation>
    </message>
    <message>
        <source>Fit to the ideal customer</source>
        <translation>Fit to the ideal customer</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Choose the industry from the WZ 2008 classification</source>
        <translation>Choose the industry from the WZ 2008 classification</translation>
    </message>
    <message>
        <source>Contacts can be added once the company is saved. Add… saves it first.</source>
        <translation>Contacts can be added once the company is saved. Add… saves it first.</translation>
    </message>
    <message>
        <source>Add…</source>
        <translation>Add…</translation>
    </message>
    <message>
        <source>Edit…</source>
        <translation>Edit…</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Remove</translation>
    </message>
    <message>
        <source>Qualify…</source>
        <translation>Qualify…</translation>
    </message>
    <message>
        <source>The four criteria of the chosen person: authority, need, budget and timing</source>
        <translation>The four criteria of the chosen person: authority, need, budget and timing</translation>
    </message>
    <message>
        <source>No activities yet.</source>
        <translation>No activities yet.</translation>
    </message>
    <message>
        <source>Compan&amp;y</source>
        <translation>Compan&amp;y</translation>
    </message>
    <message>
        <source>Cont&amp;acts</source>
        <translation>Cont&amp;acts</translation>
    </message>
    <message>
        <source>Histo&amp;ry</source>
        <translation>Histo&amp;ry</translation>
    </message>
    <message>
        <source>&amp;Name *</source>
        <translation>&amp;Name *</translation>
    </message>
    <message>
        <source>&amp;Legal form</source>
        <translation>&amp;Legal form</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>VAT ID</translation>
    </message>
    <message>
        <source>&amp;Industry</source>
        <translation>&amp;Industry</translation>
    </message>
    <message>
        <source>WZ code</source>
        <translation>WZ code</translation>
    </message>
    <message>
        <source>Str&amp;ucture</source>
        <translation>Str&amp;ucture</translation>
    </message>
    <message>
        <source>Acti&amp;vity</source>
        <translation>Acti&amp;vity</translation>
    </message>
    <message>
        <source>&amp;Employees</source>
        <translation>&amp;Employees</translation>
    </message>
    <message>
        <source>&amp;Turnover (EUR)</source>
        <translation>&amp;Turnover (EUR)</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Ta&amp;gs</source>
        <translation>Ta&amp;gs</translation>
    </message>
    <message>
        <source>&amp;Street</source>
        <translation>&amp;Street</translation>
    </message>
    <message>
        <source>&amp;Postcode</source>
        <translation>&amp;Postcode</translation>
    </message>
    <message>
        <source>&amp;City</source>
        <translation>&amp;City</translation>
    </message>
    <message>
        <source>S&amp;tate</source>
        <translation>S&amp;tate</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>&amp;Website</source>
        <translation>&amp;Website</translation>
    </message>
    <message>
        <source>E-&amp;mail</source>
        <translation>E-&amp;mail</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Fit %1 against “%2”</source>
        <translation>Fit %1 against “%2”</translation>
    </message>
    <message>
        <source>(not in the core group)</source>
        <translation>(not in the core group)</translation>
    </message>
    <message>
        <source>&amp;Log activity…</source>
        <translation>&amp;Log activity…</translation>
    </message>
    <message>
        <source>Pla&amp;n touch…</source>
        <translation>Pla&amp;n touch…</translation>
    </message>
    <message>
        <source>&amp;Done…</source>
        <translation>&amp;Done…</translation>
    </message>
    <message>
        <source>Mark the chosen planned touch as done</source>
        <translation>Mark the chosen planned touch as done</translation>
    </message>
    <message>
        <source>Save the changes to the company first?</source>
        <translation>Save the changes to the company first?</translation>
    </message>
    <message>
        <source>%1 is stored as %2: German postcodes have five digits.</source>
        <translation>%1 is stored as %2: German postcodes have five digits.</translation>
    </message>
    <message>
        <source>%1 is the postcode of %2, not of %3.</source>
        <translation>%1 is the postcode of %2, not of %3.</translation>
    </message>
    <message>
        <source>No place is known with the postcode %1.</source>
        <translation>No place is known with the postcode %1.</translation>
    </message>
    <message>
        <source>%1 has the postcodes %2.</source>
        <translation>%1 has the postcodes %2.</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Date</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Subject</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>planned</translation>
    </message>
    <message>
        <source>Cont&amp;acts ({count})</source>
        <translation>Cont&amp;acts ({count})</translation>
    </message>
    <message>
        <source>The company must be saved before contacts can be added. Save it now?</source>
        <translation>The company must be saved before contacts can be added. Save it now?</translation>
    </message>
    <message>
        <source>Remove “{name}” from the contacts of this company? This cannot be undone.</source>
        <translation>Remove “{name}” from the contacts of this company? This cannot be undone.</translation>
    </message>
    <message>
        <source>Discard the changes you made to this company?</source>
        <translation>Discard the changes you made to this company?</translation>
    </message>
</context>
<context>
    <name>CompanyFilterBar</name>
    <message>
        <source>Search name, place, postcode, phone, website or contact (Ctrl+F)</source>
        <translation>Search name, place, postcode, phone, website or contact (Ctrl+F)</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Postcode area, e.g. 7 or 80-85</source>
        <translation>Postcode area, e.g. 7 or 80-85</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <source>A contact objected</source>
        <translation>A contact objected</translation>
    </message>
    <message>
        <source>Nobody objected</source>
        <translation>Nobody objected</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>In the core group</source>
        <translation>In the core group</translation>
    </message>
    <message>
        <source>Fit at least %1</source>
        <translation>Fit at least %1</translation>
    </message>
    <message>
        <source>Persona unknown</source>
        <translation>Persona unknown</translation>
    </message>
    <message>
        <source>Companies where no contact is known for the persona, e.g. the buyer</source>
        <translation>Companies where no contact is known for the persona, e.g. the buyer</translation>
    </message>
    <message>
        <source>Reset filters</source>
        <translation>Reset filters</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nobody</translation>
    </message>
    <message>
        <source>Use digits, ranges and commas, e.g. 01, 04-09, 7</source>
        <translation>Use digits, ranges and commas, e.g. 01, 04-09, 7</translation>
    </message>
</context>
<context>
    <name>CompanyLabels</name>
    <message>
        <source>Target</source>
        <translation>Target</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <source>Customer</source>
        <translation>Customer</translation>
    </message>
    <message>
        <source>Excluded</source>
        <translation>Excluded</translation>
    </message>
    <message>
        <source>Micro (&lt; 10)</source>
        <translation>Micro (&lt; 10)</translation>
    </message>
    <message>
        <source>Small (&lt; 50)</source>
        <translation>Small (&lt; 50)</translation>
    </message>
    <message>
        <source>Medium (&lt; 250)</source>
        <translation>Medium (&lt; 250)</translation>
    </message>
    <message>
        <source>Large (250+)</source>
        <translation>Large (250+)</translation>
    </message>
    <message>
        <source>Micro</source>
        <translation>Micro</translation>
    </message>
    <message>
        <source>Small</source>
        <translation>Small</translation>
    </message>
    <message>
        <source>Medium</source>
        <translation>Medium</translation>
    </message>
    <message>
        <source>Large</source>
        <translation>Large</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>VAT ID</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>External system</source>
        <translation>External system</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Can approve the budget</translation>
    </message>
    <message>
        <source>Private person (consumer)</source>
        <translation>Private person (consumer)</translation>
    </message>
    <message>
        <source>Person&apos;s notes</source>
        <translation>Person&apos;s notes</translation>
    </message>
    <message>
        <source>same key of the other system</source>
        <translation>same key of the other system</translation>
    </message>
    <message>
        <source>Legal form</source>
        <translation>Legal form</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>WZ code</source>
        <translation>WZ code</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Turnover (EUR)</source>
        <translation>Turnover (EUR)</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Street</source>
        <translation>Street</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Country</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Notes</source>
        <translation>Notes</translation>
    </message>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>same name and postcode</source>
        <translation>same name and postcode</translation>
    </message>
    <message>
        <source>same website</source>
        <translation>same website</translation>
    </message>
    <message>
        <source>same phone number</source>
        <translation>same phone number</translation>
    </message>
    <message>
        <source>same name</source>
        <translation>same name</translation>
    </message>
    <message>
        <source>same ID</source>
        <translation>same ID</translation>
    </message>
</context>
<context>
    <name>CompanyPicker</name>
    <message>
        <source>No company; type to search</source>
        <translation>No company; type to search</translation>
    </message>
</context>
<context>
    <name>CompanyTableModel</name>
    <message>
        <source>%1 of %2</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>State</source>
        <translation>State</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Next follow-up</source>
        <translation>Next follow-up</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Website</source>
        <translation>Website</translation>
    </message>
    <message>
        <source>Fit</source>
        <translation>Fit</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Fit %1 against “%2”</source>
        <translation>Fit %1 against “%2”</translation>
    </message>
</context>
<context>
    <name>ConcurrentEdit</name>
    <message>
        <source>Reload</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>Reload shows the stored values and drops your changes. Keep editing to copy your changes first.</source>
        <translation>Reload shows the stored values and drops your changes. Keep editing to copy your changes first.</translation>
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <source>Consents of %1</source>
        <translation>Consents of %1</translation>
    </message>
    <message>
        <source>A private person may be called or e-mailed for advertising only with their prior consent (UWG §7). Record when, how and to whom it was given; the record is kept for five years, also after a withdrawal.</source>
        <translation>A private person may be called or e-mailed for advertising only with their prior consent (UWG §7). Record when, how and to whom it was given; the record is kept for five years, also after a withdrawal.</translation>
    </message>
    <message>
        <source>Given on</source>
        <translation>Given on</translation>
    </message>
    <message>
        <source>For</source>
        <translation>For</translation>
    </message>
    <message>
        <source>How</source>
        <translation>How</translation>
    </message>
    <message>
        <source>Recorded by</source>
        <translation>Recorded by</translation>
    </message>
    <message>
        <source>Withdrawn on</source>
        <translation>Withdrawn on</translation>
    </message>
    <message>
        <source>Kept until</source>
        <translation>Kept until</translation>
    </message>
    <message>
        <source>&amp;Withdrawn today</source>
        <translation>&amp;Withdrawn today</translation>
    </message>
    <message>
        <source>Record a consent</source>
        <translation>Record a consent</translation>
    </message>
    <message>
        <source>who took it, e.g. Anna Berger</source>
        <translation>who took it, e.g. Anna Berger</translation>
    </message>
    <message>
        <source>what the person agreed to, in the words they were given</source>
        <translation>what the person agreed to, in the words they were given</translation>
    </message>
    <message>
        <source>&amp;Record</source>
        <translation>&amp;Record</translation>
    </message>
    <message>
        <source>&amp;Given on</source>
        <translation>&amp;Given on</translation>
    </message>
    <message>
        <source>&amp;For</source>
        <translation>&amp;For</translation>
    </message>
    <message>
        <source>&amp;How</source>
        <translation>&amp;How</translation>
    </message>
    <message>
        <source>Recorded &amp;by</source>
        <translation>Recorded &amp;by</translation>
    </message>
    <message>
        <source>W&amp;ording</source>
        <translation>W&amp;ording</translation>
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <source>e.g. Dr.</source>
        <translation>e.g. Dr.</translation>
    </message>
    <message>
        <source>e.g. 0351 123456</source>
        <translation>e.g. 0351 123456</translation>
    </message>
    <message>
        <source>e.g. 0171 1234567</source>
        <translation>e.g. 0171 1234567</translation>
    </message>
    <message>
        <source>profile address</source>
        <translation>profile address</translation>
    </message>
    <message>
        <source>e.g. trade fair, website, referral</source>
        <translation>e.g. trade fair, website, referral</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Can approve the budget</translation>
    </message>
    <message>
        <source>Objected to being contacted</source>
        <translation>Objected to being contacted</translation>
    </message>
    <message>
        <source>Private person (consumer)</source>
        <translation>Private person (consumer)</translation>
    </message>
    <message>
        <source>N&amp;otes</source>
        <translation>N&amp;otes</translation>
    </message>
    <message>
        <source>Compa&amp;ny</source>
        <translation>Compa&amp;ny</translation>
    </message>
    <message>
        <source>C&amp;onsents…</source>
        <translation>C&amp;onsents…</translation>
    </message>
    <message>
        <source>&amp;Qualify…</source>
        <translation>&amp;Qualify…</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Sal&amp;utation</source>
        <translation>Sal&amp;utation</translation>
    </message>
    <message>
        <source>&amp;Academic title</source>
        <translation>&amp;Academic title</translation>
    </message>
    <message>
        <source>&amp;First name</source>
        <translation>&amp;First name</translation>
    </message>
    <message>
        <source>&amp;Last name *</source>
        <translation>&amp;Last name *</translation>
    </message>
    <message>
        <source>&amp;Job title</source>
        <translation>&amp;Job title</translation>
    </message>
    <message>
        <source>&amp;Department</source>
        <translation>&amp;Department</translation>
    </message>
    <message>
        <source>How to reach them</source>
        <translation>How to reach them</translation>
    </message>
    <message>
        <source>P&amp;hone</source>
        <translation>P&amp;hone</translation>
    </message>
    <message>
        <source>&amp;Mobile</source>
        <translation>&amp;Mobile</translation>
    </message>
    <message>
        <source>&amp;E-mail</source>
        <translation>&amp;E-mail</translation>
    </message>
    <message>
        <source>L&amp;inkedIn</source>
        <translation>L&amp;inkedIn</translation>
    </message>
    <message>
        <source>Sales</source>
        <translation>Sales</translation>
    </message>
    <message>
        <source>&amp;Persona</source>
        <translation>&amp;Persona</translation>
    </message>
    <message>
        <source>De&amp;cision role</source>
        <translation>De&amp;cision role</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Lead s&amp;tatus</source>
        <translation>Lead s&amp;tatus</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>O&amp;wner</translation>
    </message>
    <message>
        <source>Save the changes to this person first?</source>
        <translation>Save the changes to this person first?</translation>
    </message>
    <message>
        <source>The four criteria: authority, need, budget and timing</source>
        <translation>The four criteria: authority, need, budget and timing</translation>
    </message>
    <message>
        <source>Save the person first; then qualify them.</source>
        <translation>Save the person first; then qualify them.</translation>
    </message>
    <message>
        <source>Save the person first; then record their consents.</source>
        <translation>Save the person first; then record their consents.</translation>
    </message>
    <message>
        <source>Data protection</source>
        <translation>Data protection</translation>
    </message>
    <message>
        <source>Le&amp;gal basis</source>
        <translation>Le&amp;gal basis</translation>
    </message>
    <message>
        <source>Data sou&amp;rce</source>
        <translation>Data sou&amp;rce</translation>
    </message>
    <message>
        <source>Consumer</source>
        <translation>Consumer</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <source>Objected on</source>
        <translation>Objected on</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>New contact</source>
        <translation>New contact</translation>
    </message>
    <message>
        <source>Contact without a company</source>
        <translation>Contact without a company</translation>
    </message>
    <message>
        <source>New contact at {company}</source>
        <translation>New contact at {company}</translation>
    </message>
    <message>
        <source>Contact at {company}</source>
        <translation>Contact at {company}</translation>
    </message>
    <message>
        <source>Discard the changes you made to this contact?</source>
        <translation>Discard the changes you made to this contact?</translation>
    </message>
    <message>
        <source>Choose a company from the list, or empty the field.</source>
        <translation>Choose a company from the list, or empty the field.</translation>
    </message>
</context>
<context>
    <name>ContactListModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
    <message>
        <source>Objected to being contacted.</source>
        <translation>Objected to being contacted.</translation>
    </message>
</context>
<context>
    <name>ContactTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Decision role</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>Do not contact</source>
        <translation>Do not contact</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>Objected to being contacted.</source>
        <translation>Objected to being contacted.</translation>
    </message>
    <message>
        <source>Objected to being contacted on {date}.</source>
        <translation>Objected to being contacted on {date}.</translation>
    </message>
</context>
<context>
    <name>ContactsPage</name>
    <message>
        <source>Search name, job title, e-mail or phone</source>
        <translation>Search name, job title, e-mail or phone</translation>
    </message>
    <message>
        <source>Only contacts without a company</source>
        <translation>Only contacts without a company</translation>
    </message>
    <message>
        <source>Every status</source>
        <translation>Every status</translation>
    </message>
    <message>
        <source>Leads being worked on</source>
        <translation>Leads being worked on</translation>
    </message>
    <message>
        <source>&amp;My leads</source>
        <translation>&amp;My leads</translation>
    </message>
    <message>
        <source>New contact…</source>
        <translation>New contact…</translation>
    </message>
    <message>
        <source>Add a person; link them to a company now or later</source>
        <translation>Add a person; link them to a company now or later</translation>
    </message>
    <message>
        <source>&amp;Delete contact…</source>
        <translation>&amp;Delete contact…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts</source>
        <translation>
            <numerusform>%Ln contact</numerusform>
            <numerusform>%Ln contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln contacts</source>
        <translation>
            <numerusform>%1 of %Ln contact</numerusform>
            <numerusform>%1 of %Ln contacts</numerusform>
        </translation>
    </message>
    <message>
        <source>No contacts yet. Add a person with New contact…, import an address book (Ctrl+I), or add contacts to a company in its form.</source>
        <translation>No contacts yet. Add a person with New contact…, import an address book (Ctrl+I), or add contacts to a company in its form.</translation>
    </message>
    <message>
        <source>No contact matches the search.</source>
        <translation>No contact matches the search.</translation>
    </message>
    <message>
        <source>Every contact belongs to a company.</source>
        <translation>Every contact belongs to a company.</translation>
    </message>
    <message>
        <source>Delete contact</source>
        <translation>Delete contact</translation>
    </message>
    <message>
        <source>Delete “%1” for good, with their history? This cannot be undone.</source>
        <translation>Delete “%1” for good, with their history? This cannot be undone.</translation>
    </message>
</context>
<context>
    <name>CriteriaEditor</name>
    <message>
        <source>Should</source>
        <translation>Should</translation>
    </message>
    <message>
        <source>Must</source>
        <translation>Must</translation>
    </message>
    <message>
        <source>Must: a company that does not meet it is not in the core group. Should: it raises the fit score by its weight.</source>
        <translation>Must: a company that does not meet it is not in the core group. Should: it raises the fit score by its weight.</translation>
    </message>
    <message>
        <source>How much a should-criterion counts (1 to 10)</source>
        <translation>How much a should-criterion counts (1 to 10)</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>Values</source>
        <translation>Values</translation>
    </message>
    <message>
        <source>Weight</source>
        <translation>Weight</translation>
    </message>
    <message>
        <source>WZ codes, e.g. 28, 10.7, C</source>
        <translation>WZ codes, e.g. 28, 10.7, C</translation>
    </message>
    <message>
        <source>WZ 2008 codes; each one stands for every code that starts with it. A section letter stands for its divisions.</source>
        <translation>WZ 2008 codes; each one stands for every code that starts with it. A section letter stands for its divisions.</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>Choose industries from the WZ 2008 classification</source>
        <translation>Choose industries from the WZ 2008 classification</translation>
    </message>
    <message>
        <source>Industry names</source>
        <translation>Industry names</translation>
    </message>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>from</source>
        <translation>from</translation>
    </message>
    <message>
        <source>to</source>
        <translation>to</translation>
    </message>
    <message>
        <source>Turnover (million €)</source>
        <translation>Turnover (million €)</translation>
    </message>
    <message>
        <source>Size classes</source>
        <translation>Size classes</translation>
    </message>
    <message>
        <source>Size (EU)</source>
        <translation>Size (EU)</translation>
    </message>
    <message>
        <source>Countries</source>
        <translation>Countries</translation>
    </message>
    <message>
        <source>States</source>
        <translation>States</translation>
    </message>
    <message>
        <source>Postcode areas, e.g. 7, 80-85</source>
        <translation>Postcode areas, e.g. 7, 80-85</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Structures</source>
        <translation>Structures</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Activities</source>
        <translation>Activities</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Required tags</source>
        <translation>Required tags</translation>
    </message>
    <message>
        <source>Excluded tags</source>
        <translation>Excluded tags</translation>
    </message>
    <message>
        <source>any</source>
        <translation>any</translation>
    </message>
    <message>
        <source>Write postcode areas as 7 or 80-85, separated by commas.</source>
        <translation>Write postcode areas as 7 or 80-85, separated by commas.</translation>
    </message>
    <message>
        <source>excludes %1</source>
        <translation>excludes %1</translation>
    </message>
    <message>
        <source>Without this criterion alone, %1 more companies would be in the core group.</source>
        <translation>Without this criterion alone, %1 more companies would be in the core group.</translation>
    </message>
    <message>
        <source>%1 do not meet it</source>
        <translation>%1 do not meet it</translation>
    </message>
</context>
<context>
    <name>CriterionBox</name>
    <message>
        <source>What shows it: who said what, and when</source>
        <translation>What shows it: who said what, and when</translation>
    </message>
    <message>
        <source>Evidence:</source>
        <translation>Evidence:</translation>
    </message>
    <message>
        <source>Not checked yet.</source>
        <translation>Not checked yet.</translation>
    </message>
    <message>
        <source>Checked on %1 by %2.</source>
        <translation>Checked on %1 by %2.</translation>
    </message>
    <message>
        <source>Checked on %1.</source>
        <translation>Checked on %1.</translation>
    </message>
    <message>
        <source>Required for met: who said what, and when</source>
        <translation>Required for met: who said what, and when</translation>
    </message>
</context>
<context>
    <name>DatabaseCare</name>
    <message>
        <source>Backing up…</source>
        <translation>Backing up…</translation>
    </message>
    <message>
        <source>Daily backup saved: %1</source>
        <translation>Daily backup saved: %1</translation>
    </message>
    <message>
        <source>Checking the database…</source>
        <translation>Checking the database…</translation>
    </message>
</context>
<context>
    <name>DisqualifyDialog</name>
    <message>
        <source>Disqualify the lead</source>
        <translation>Disqualify the lead</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <source>&amp;Reason:</source>
        <translation>&amp;Reason:</translation>
    </message>
    <message>
        <source>&amp;Details:</source>
        <translation>&amp;Details:</translation>
    </message>
    <message>
        <source>Disqualify</source>
        <translation>Disqualify</translation>
    </message>
    <message>
        <source>Choose why the lead is disqualified.</source>
        <translation>Choose why the lead is disqualified.</translation>
    </message>
</context>
<context>
    <name>DueTodayDialog</name>
    <message>
        <source>Due today</source>
        <translation>Due today</translation>
    </message>
    <message numerus="yes">
        <source>%Ln touch(es) due today or earlier</source>
        <translation>
            <numerusform>%Ln touch due today or earlier</numerusform>
            <numerusform>%Ln touches due today or earlier</numerusform>
        </translation>
    </message>
    <message>
        <source>, {count} of them overdue.</source>
        <translation>, {count} of them overdue.</translation>
    </message>
    <message>
        <source>&amp;Show this list when Prospector starts</source>
        <translation>&amp;Show this list when Prospector starts</translation>
    </message>
    <message>
        <source>Open the &amp;calendar</source>
        <translation>Open the &amp;calendar</translation>
    </message>
</context>
<context>
    <name>DuplicateDialog</name>
    <message>
        <source>Possible duplicate</source>
        <translation>Possible duplicate</translation>
    </message>
    <message>
        <source>“%1” looks like a company that is already there:</source>
        <translation>“%1” looks like a company that is already there:</translation>
    </message>
    <message>
        <source>Open the existing company instead, merge this one into it, or keep both as separate companies?</source>
        <translation>Open the existing company instead, merge this one into it, or keep both as separate companies?</translation>
    </message>
    <message>
        <source>&amp;Open existing</source>
        <translation>&amp;Open existing</translation>
    </message>
    <message>
        <source>&amp;Merge…</source>
        <translation>&amp;Merge…</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Keep both</translation>
    </message>
    <message>
        <source>&amp;Back to editing</source>
        <translation>&amp;Back to editing</translation>
    </message>
</context>
<context>
    <name>DuplicatesPage</name>
    <message>
        <source>&amp;Skip them</source>
        <translation>&amp;Skip them</translation>
    </message>
    <message>
        <source>The company in the database stays as it is; persons in the row are still added to it.</source>
        <translation>The company in the database stays as it is; persons in the row are still added to it.</translation>
    </message>
    <message>
        <source>&amp;Fill in empty fields</source>
        <translation>&amp;Fill in empty fields</translation>
    </message>
    <message>
        <source>Fields that are empty in the database are filled from the file; nothing already there is changed.</source>
        <translation>Fields that are empty in the database are filled from the file; nothing already there is changed.</translation>
    </message>
    <message>
        <source>&amp;Overwrite with the file&apos;s values</source>
        <translation>&amp;Overwrite with the file&apos;s values</translation>
    </message>
    <message>
        <source>Every value the file has replaces the one in the database; empty cells change nothing.</source>
        <translation>Every value the file has replaces the one in the database; empty cells change nothing.</translation>
    </message>
    <message>
        <source>&amp;Keep both</source>
        <translation>&amp;Keep both</translation>
    </message>
    <message>
        <source>The row is stored as a new company next to the one already there. You can merge them later.</source>
        <translation>The row is stored as a new company next to the one already there. You can merge them later.</translation>
    </message>
    <message>
        <source>&amp;Import them with notes</source>
        <translation>&amp;Import them with notes</translation>
    </message>
    <message>
        <source>A value that does not fit its field (a phone number without its area code, a country the program does not know) leaves the field empty; the value itself is kept in the record&apos;s notes.</source>
        <translation>A value that does not fit its field (a phone number without its area code, a country the program does not know) leaves the field empty; the value itself is kept in the record&apos;s notes.</translation>
    </message>
    <message>
        <source>&amp;Leave them out</source>
        <translation>&amp;Leave them out</translation>
    </message>
    <message>
        <source>Only rows without any problem are imported; the others are listed at the end and can be saved to a file to correct them.</source>
        <translation>Only rows without any problem are imported; the others are listed at the end and can be saved to a file to correct them.</translation>
    </message>
    <message>
        <source>Companies already in the database</source>
        <translation>Companies already in the database</translation>
    </message>
    <message>
        <source>What should happen to rows for companies you already have?</source>
        <translation>What should happen to rows for companies you already have?</translation>
    </message>
    <message>
        <source>A row is taken for a company you already have when it has the same name and postcode, the same website or the same phone number, or the ID of an earlier export.</source>
        <translation>A row is taken for a company you already have when it has the same name and postcode, the same website or the same phone number, or the ID of an earlier export.</translation>
    </message>
    <message>
        <source>Inside the file, rows that name the same company again become one company: the first row creates it, the later ones add their persons (with “Keep both”, each row stays a company of its own). Rows with keys of their own in another system (a customer number, a bank code) are different companies, even with the same name and place.</source>
        <translation>Inside the file, rows that name the same company again become one company: the first row creates it, the later ones add their persons (with “Keep both”, each row stays a company of its own). Rows with keys of their own in another system (a customer number, a bank code) are different companies, even with the same name and place.</translation>
    </message>
    <message>
        <source>Rows with problems</source>
        <translation>Rows with problems</translation>
    </message>
    <message>
        <source>Persons without a company</source>
        <translation>Persons without a company</translation>
    </message>
    <message>
        <source>Create &amp;companies from e-mail domains</source>
        <translation>Create &amp;companies from e-mail domains</translation>
    </message>
    <message>
        <source>A person whose row names no company gets the company of their business address: vertrieb@mueller-maschinenbau.de goes to “mueller-maschinenbau.de”, found by its website or created. Addresses of free-mail providers (gmail.com, web.de, gmx.de …) never make a company. Otherwise such persons are imported without a company.</source>
        <translation>A person whose row names no company gets the company of their business address: vertrieb@mueller-maschinenbau.de goes to “mueller-maschinenbau.de”, found by its website or created. Addresses of free-mail providers (gmail.com, web.de, gmx.de …) never make a company. Otherwise such persons are imported without a company.</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Instructions</source>
        <translation>Instructions</translation>
    </message>
    <message>
        <source>Export from Prospector</source>
        <translation>Export from Prospector</translation>
    </message>
    <message>
        <source>Edit this file and import it again (File → Import spreadsheet…): rows with an ID update their records, and only the cells you changed change.</source>
        <translation>Edit this file and import it again (File → Import spreadsheet…): rows with an ID update their records, and only the cells you changed change.</translation>
    </message>
    <message>
        <source>Import template for Prospector</source>
        <translation>Import template for Prospector</translation>
    </message>
    <message>
        <source>Sheet “Unternehmen”: one row per company. “Firma” is required.</source>
        <translation>Sheet “Unternehmen”: one row per company. “Firma” is required.</translation>
    </message>
    <message>
        <source>Sheet “Ansprechpartner”: one row per person. “Nachname” is required; “Firma” (or the company’s “ID”) links the person to their company; for a person without a company both stay empty.</source>
        <translation>Sheet “Ansprechpartner”: one row per person. “Nachname” is required; “Firma” (or the company’s “ID”) links the person to their company; for a person without a company both stay empty.</translation>
    </message>
    <message>
        <source>Sheet “Aktivitäten”: one row per activity, done or planned. It is imported with File → Import activities… (or main.py import-activities): rows with an “Aktivität-ID” update their activity, new rows (the company by “ID” or “Firma”) plan touches; a date without a time plans for the day.</source>
        <translation>Sheet “Aktivitäten”: one row per activity, done or planned. It is imported with File → Import activities… (or main.py import-activities): rows with an “Aktivität-ID” update their activity, new rows (the company by “ID” or “Firma”) plan touches; a date without a time plans for the day.</translation>
    </message>
    <message>
        <source>Leave the columns “ID” and “Ansprechpartner-ID” empty for new entries. An export fills them so that importing it again updates the entries instead of adding them twice.</source>
        <translation>Leave the columns “ID” and “Ansprechpartner-ID” empty for new entries. An export fills them so that importing it again updates the entries instead of adding them twice.</translation>
    </message>
    <message>
        <source>Enter postcodes as text, with the leading zero: 01069, not 1069 (the columns PLZ, WZ-Code and Telefon are formatted as text).</source>
        <translation>Enter postcodes as text, with the leading zero: 01069, not 1069 (the columns PLZ, WZ-Code and Telefon are formatted as text).</translation>
    </message>
    <message>
        <source>Phone numbers as usual, e.g. 0351 1234567 or +49 351 1234567.</source>
        <translation>Phone numbers as usual, e.g. 0351 1234567 or +49 351 1234567.</translation>
    </message>
    <message>
        <source>Dates as DD.MM.YYYY, e.g. 31.12.2025.</source>
        <translation>Dates as DD.MM.YYYY, e.g. 31.12.2025.</translation>
    </message>
    <message>
        <source>Separate several tags with commas, e.g. “Messe 2025, Bestandskunde”.</source>
        <translation>Separate several tags with commas, e.g. “Messe 2025, Bestandskunde”.</translation>
    </message>
    <message>
        <source>Choice columns (Struktur, Tätigkeit, Phase, Anrede, Entscheiderrolle, Lead-Status, Rechtsgrundlage) take their words in German or English; a word the import does not know becomes a tag.</source>
        <translation>Choice columns (Struktur, Tätigkeit, Phase, Anrede, Entscheiderrolle, Lead-Status, Rechtsgrundlage) take their words in German or English; a word the import does not know becomes a tag.</translation>
    </message>
    <message>
        <source>Yes/no columns (Kein Kontakt, Budgetbefugnis, Verbraucher): “ja” or “yes” for yes, empty for no.</source>
        <translation>Yes/no columns (Kein Kontakt, Budgetbefugnis, Verbraucher): “ja” or “yes” for yes, empty for no.</translation>
    </message>
    <message>
        <source>“Bearbeiter”: the name of a team member as the team list has it; “Bearbeiter Ansprechpartner”: the person’s own, where it is not the company’s.</source>
        <translation>“Bearbeiter”: the name of a team member as the team list has it; “Bearbeiter Ansprechpartner”: the person’s own, where it is not the company’s.</translation>
    </message>
    <message>
        <source>“Fremdschlüssel” and “Fremdsystem”: the company’s key in another system (a customer number, say) and that system’s name.</source>
        <translation>“Fremdschlüssel” and “Fremdsystem”: the company’s key in another system (a customer number, say) and that system’s name.</translation>
    </message>
    <message>
        <source>“Größenklasse” (EU size class) follows from “Mitarbeiter” and “Umsatz (EUR)”: the import does not read it; change those two instead.</source>
        <translation>“Größenklasse” (EU size class) follows from “Mitarbeiter” and “Umsatz (EUR)”: the import does not read it; change those two instead.</translation>
    </message>
    <message>
        <source>Do not change the column headers. Columns you do not need may stay empty.</source>
        <translation>Do not change the column headers. Columns you do not need may stay empty.</translation>
    </message>
    <message>
        <source>The import skips this sheet “{sheet}”.</source>
        <translation>The import skips this sheet “{sheet}”.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>yes</translation>
    </message>
</context>
<context>
    <name>FieldCombo</name>
    <message>
        <source>Company fields</source>
        <translation>Company fields</translation>
    </message>
    <message>
        <source>Person fields</source>
        <translation>Person fields</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
</context>
<context>
    <name>FileClaim</name>
    <message>
        <source>Database in use</source>
        <translation>Database in use</translation>
    </message>
    <message>
        <source>%1 was not closed properly: Prospector ended on this computer without closing it (user %2, since %3).</source>
        <translation>%1 was not closed properly: Prospector ended on this computer without closing it (user %2, since %3).</translation>
    </message>
    <message>
        <source>This happens after a crash or a power cut. Nobody has it open now; it can be opened.</source>
        <translation>This happens after a crash or a power cut. Nobody has it open now; it can be opened.</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>&amp;Open</translation>
    </message>
    <message>
        <source>%1 is already open in another Prospector window on this computer (user %2, since %3).</source>
        <translation>%1 is already open in another Prospector window on this computer (user %2, since %3).</translation>
    </message>
    <message>
        <source>Close it there, or choose another database.</source>
        <translation>Close it there, or choose another database.</translation>
    </message>
    <message>
        <source>%1 is open on the computer %2 by %3 since %4.</source>
        <translation>%1 is open on the computer %2 by %3 since %4.</translation>
    </message>
    <message>
        <source>Two people working in one database file can lose each other&apos;s changes. Open it anyway only if Prospector is closed on that computer (or it crashed there). For a team, use a PostgreSQL server.</source>
        <translation>Two people working in one database file can lose each other&apos;s changes. Open it anyway only if Prospector is closed on that computer (or it crashed there). For a team, use a PostgreSQL server.</translation>
    </message>
    <message>
        <source>Open &amp;anyway</source>
        <translation>Open &amp;anyway</translation>
    </message>
    <message>
        <source>&amp;Choose another database…</source>
        <translation>&amp;Choose another database…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>Database on a network drive</source>
        <translation>Database on a network drive</translation>
    </message>
    <message>
        <source>%1 lies on a network drive (%2). SQLite, which stores it, warns that its locks do not work reliably over a network: changes can be lost or the file damaged. Keep the file on this computer, or use a PostgreSQL server for a team.</source>
        <translation>%1 lies on a network drive (%2). SQLite, which stores it, warns that its locks do not work reliably over a network: changes can be lost or the file damaged. Keep the file on this computer, or use a PostgreSQL server for a team.</translation>
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <source>Excel and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</source>
        <translation>Excel and CSV (*.xlsx *.xlsm *.xls *.ods *.csv *.txt)</translation>
    </message>
    <message>
        <source>Excel workbook (.xlsx)</source>
        <translation>Excel workbook (.xlsx)</translation>
    </message>
    <message>
        <source>Excel workbook with macros (.xlsm)</source>
        <translation>Excel workbook with macros (.xlsm)</translation>
    </message>
    <message>
        <source>Excel 97–2003 workbook (.xls)</source>
        <translation>Excel 97–2003 workbook (.xls)</translation>
    </message>
    <message>
        <source>OpenDocument spreadsheet (.ods)</source>
        <translation>OpenDocument spreadsheet (.ods)</translation>
    </message>
    <message>
        <source>CSV text file</source>
        <translation>CSV text file</translation>
    </message>
    <message>
        <source>UTF-8</source>
        <translation>UTF-8</translation>
    </message>
    <message>
        <source>UTF-8 (with byte order mark)</source>
        <translation>UTF-8 (with byte order mark)</translation>
    </message>
    <message>
        <source>Windows-1252 (Western European)</source>
        <translation>Windows-1252 (Western European)</translation>
    </message>
    <message>
        <source>ISO 8859-1 (Western European)</source>
        <translation>ISO 8859-1 (Western European)</translation>
    </message>
    <message>
        <source>UTF-16</source>
        <translation>UTF-16</translation>
    </message>
    <message>
        <source>semicolon (;)</source>
        <translation>semicolon (;)</translation>
    </message>
    <message>
        <source>comma (,)</source>
        <translation>comma (,)</translation>
    </message>
    <message>
        <source>tab</source>
        <translation>tab</translation>
    </message>
    <message>
        <source>vertical bar (|)</source>
        <translation>vertical bar (|)</translation>
    </message>
    <message>
        <source>%1 (instructions)</source>
        <translation>%1 (instructions)</translation>
    </message>
    <message>
        <source>%1 (hidden)</source>
        <translation>%1 (hidden)</translation>
    </message>
    <message>
        <source>This sheet holds instructions, not a table of records: it cannot be imported.</source>
        <translation>This sheet holds instructions, not a table of records: it cannot be imported.</translation>
    </message>
    <message>
        <source>Choose a spreadsheet</source>
        <translation>Choose a spreadsheet</translation>
    </message>
    <message>
        <source>An Excel workbook or a CSV file with your companies and contacts, one per row. Title rows above the column names are skipped.</source>
        <translation>An Excel workbook or a CSV file with your companies and contacts, one per row. Title rows above the column names are skipped.</translation>
    </message>
    <message>
        <source>No file chosen yet</source>
        <translation>No file chosen yet</translation>
    </message>
    <message>
        <source>&amp;Choose…</source>
        <translation>&amp;Choose…</translation>
    </message>
    <message>
        <source>Other &amp;row…</source>
        <translation>Other &amp;row…</translation>
    </message>
    <message>
        <source>Choose the row that holds the column names</source>
        <translation>Choose the row that holds the column names</translation>
    </message>
    <message>
        <source>File:</source>
        <translation>File:</translation>
    </message>
    <message>
        <source>Format:</source>
        <translation>Format:</translation>
    </message>
    <message>
        <source>Encoding:</source>
        <translation>Encoding:</translation>
    </message>
    <message>
        <source>Separator:</source>
        <translation>Separator:</translation>
    </message>
    <message>
        <source>&amp;Sheet:</source>
        <translation>&amp;Sheet:</translation>
    </message>
    <message>
        <source>Found:</source>
        <translation>Found:</translation>
    </message>
    <message>
        <source>Import spreadsheet</source>
        <translation>Import spreadsheet</translation>
    </message>
    <message>
        <source>Reading %1…</source>
        <translation>Reading %1…</translation>
    </message>
    <message>
        <source>Reading the first rows…</source>
        <translation>Reading the first rows…</translation>
    </message>
    <message>
        <source>Reading the sheet %1…</source>
        <translation>Reading the sheet %1…</translation>
    </message>
    <message>
        <source>No row naming the columns was found at the top of the sheet. Choose the row that holds the column names; the rows below it are read as data.</source>
        <translation>No row naming the columns was found at the top of the sheet. Choose the row that holds the column names; the rows below it are read as data.</translation>
    </message>
    <message>
        <source>Choose the row that holds the column names; the rows below it are read as data.</source>
        <translation>Choose the row that holds the column names; the rows below it are read as data.</translation>
    </message>
    <message>
        <source>Reading was cancelled. Choose the file or a sheet again to go on.</source>
        <translation>Reading was cancelled. Choose the file or a sheet again to go on.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows of data; the column names are in row %1.</source>
        <translation>
            <numerusform>%Ln row of data; the column names are in row %1.</numerusform>
            <numerusform>%Ln rows of data; the column names are in row %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FitLabels</name>
    <message>
        <source>Industry</source>
        <translation>Industry</translation>
    </message>
    <message>
        <source>Employees</source>
        <translation>Employees</translation>
    </message>
    <message>
        <source>Turnover</source>
        <translation>Turnover</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Region</translation>
    </message>
    <message>
        <source>Structure</source>
        <translation>Structure</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Activity</translation>
    </message>
    <message>
        <source>Required tags</source>
        <translation>Required tags</translation>
    </message>
    <message>
        <source>Excluded tags</source>
        <translation>Excluded tags</translation>
    </message>
    <message>
        <source>unknown</source>
        <translation>unknown</translation>
    </message>
    <message>
        <source>met: {criteria}</source>
        <translation>met: {criteria}</translation>
    </message>
    <message>
        <source>not met: {criteria}</source>
        <translation>not met: {criteria}</translation>
    </message>
</context>
<context>
    <name>ForgottenModel</name>
    <message>
        <source>in nurturing, nothing planned</source>
        <translation>in nurturing, nothing planned</translation>
    </message>
    <message>
        <source>never touched, nothing planned</source>
        <translation>never touched, nothing planned</translation>
    </message>
    <message numerus="yes">
        <source>no touch for %Ln day(s)</source>
        <translation>
            <numerusform>no touch for %Ln day</numerusform>
            <numerusform>no touch for %Ln days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FunnelChart</name>
    <message>
        <source>Planned (rule of ten)</source>
        <translation>Planned (rule of ten)</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Actual</translation>
    </message>
    <message>
        <source>logarithmic scale</source>
        <translation>logarithmic scale</translation>
    </message>
</context>
<context>
    <name>HeaderRowPicker</name>
    <message>
        <source>Row with the column names</source>
        <translation>Row with the column names</translation>
    </message>
    <message>
        <source>&amp;Use the selected row</source>
        <translation>&amp;Use the selected row</translation>
    </message>
    <message>
        <source>&amp;Use row %1 as the column names</source>
        <translation>&amp;Use row %1 as the column names</translation>
    </message>
</context>
<context>
    <name>HelpWindow</name>
    <message>
        <source>Prospector user guide</source>
        <translation>Prospector user guide</translation>
    </message>
    <message>
        <source>Getting started</source>
        <translation>Getting started</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Companies</translation>
    </message>
    <message>
        <source>Editing a company</source>
        <translation>Editing a company</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Ideal customer</source>
        <translation>Ideal customer</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Funnel planning</source>
        <translation>Funnel planning</translation>
    </message>
    <message>
        <source>Qualifying leads</source>
        <translation>Qualifying leads</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>Team and capacity</source>
        <translation>Team and capacity</translation>
    </message>
    <message>
        <source>Nurturing: activities and plans</source>
        <translation>Nurturing: activities and plans</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Call day</source>
        <translation>Call day</translation>
    </message>
    <message>
        <source>Importing spreadsheets</source>
        <translation>Importing spreadsheets</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>Exporting</translation>
    </message>
    <message>
        <source>Undo and redo</source>
        <translation>Undo and redo</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>Backups and checks</source>
        <translation>Backups and checks</translation>
    </message>
    <message>
        <source>Personal data</source>
        <translation>Personal data</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Keyboard shortcuts</translation>
    </message>
    <message>
        <source>Settings and language</source>
        <translation>Settings and language</translation>
    </message>
</context>
<context>
    <name>ImportHistoryDialog</name>
    <message>
        <source>Import history</source>
        <translation>Import history</translation>
    </message>
    <message>
        <source>Undoing an import deletes the companies and contacts it added and puts back what it changed in companies that were already there.</source>
        <translation>Undoing an import deletes the companies and contacts it added and puts back what it changed in companies that were already there.</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>File</source>
        <translation>File</translation>
    </message>
    <message>
        <source>Imported on</source>
        <translation>Imported on</translation>
    </message>
    <message>
        <source>New companies</source>
        <translation>New companies</translation>
    </message>
    <message>
        <source>Updated</source>
        <translation>Updated</translation>
    </message>
    <message>
        <source>Skipped</source>
        <translation>Skipped</translation>
    </message>
    <message>
        <source>Errors</source>
        <translation>Errors</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Nothing has been imported yet.</source>
        <translation>Nothing has been imported yet.</translation>
    </message>
    <message>
        <source>&amp;Undo…</source>
        <translation>&amp;Undo…</translation>
    </message>
    <message>
        <source>Not finished</source>
        <translation>Not finished</translation>
    </message>
    <message>
        <source>Imported</source>
        <translation>Imported</translation>
    </message>
    <message>
        <source>Undone</source>
        <translation>Undone</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>Undoing the import of %1…</source>
        <translation>Undoing the import of %1…</translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies it added will be deleted.</source>
        <translation>
            <numerusform>%Ln company it added will be deleted.</numerusform>
            <numerusform>%Ln companies it added will be deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts it added will be deleted.</source>
        <translation>
            <numerusform>%Ln contact it added will be deleted.</numerusform>
            <numerusform>%Ln contacts it added will be deleted.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies it updated get their earlier values back.</source>
        <translation>
            <numerusform>%Ln company it updated gets its earlier values back.</numerusform>
            <numerusform>%Ln companies it updated get their earlier values back.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts it updated get their earlier values back.</source>
        <translation>
            <numerusform>%Ln contact it updated gets its earlier values back.</numerusform>
            <numerusform>%Ln contacts it updated get their earlier values back.</numerusform>
        </translation>
    </message>
    <message>
        <source>Undo import number %1 of “%2”?</source>
        <translation>Undo import number %1 of “%2”?</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more</source>
        <translation>
            <numerusform>and %Ln more</numerusform>
            <numerusform>and %Ln more</numerusform>
        </translation>
    </message>
    <message>
        <source>These companies were edited after the import; those edits will be lost too: %1</source>
        <translation>These companies were edited after the import; those edits will be lost too: %1</translation>
    </message>
    <message>
        <source>Import number %1 was undone.</source>
        <translation>Import number %1 was undone.</translation>
    </message>
    <message>
        <source>Undo cancelled; nothing was changed.</source>
        <translation>Undo cancelled; nothing was changed.</translation>
    </message>
</context>
<context>
    <name>ImportMapping</name>
    <message>
        <source>--map needs HEADER=FIELD, not “{option}”.</source>
        <translation>--map needs HEADER=FIELD, not “{option}”.</translation>
    </message>
    <message>
        <source>--map: there is no field “{field}”; main.py import --list-fields lists them.</source>
        <translation>--map: there is no field “{field}”; main.py import --list-fields lists them.</translation>
    </message>
    <message>
        <source>--map: the file has no column “{header}”.</source>
        <translation>--map: the file has no column “{header}”.</translation>
    </message>
    <message>
        <source>--map: the file has no column “{header}”; did you mean “{close}”?</source>
        <translation>--map: the file has no column “{header}”; did you mean “{close}”?</translation>
    </message>
    <message>
        <source>Columns and their fields:</source>
        <translation>Columns and their fields:</translation>
    </message>
    <message>
        <source>(column {n})</source>
        <translation>(column {n})</translation>
    </message>
    <message>
        <source>{header} -&gt; {field} ({confidence} %, {how})</source>
        <translation>{header} -&gt; {field} ({confidence} %, {how})</translation>
    </message>
    <message>
        <source>and {n} more</source>
        <translation>and {n} more</translation>
    </message>
    <message>
        <source>Ignored: {columns}</source>
        <translation>Ignored: {columns}</translation>
    </message>
    <message>
        <source>remembered</source>
        <translation>remembered</translation>
    </message>
    <message>
        <source>exact</source>
        <translation>exact</translation>
    </message>
    <message>
        <source>synonym</source>
        <translation>synonym</translation>
    </message>
    <message>
        <source>fuzzy, like “{name}”</source>
        <translation>fuzzy, like “{name}”</translation>
    </message>
    <message>
        <source>--map</source>
        <translation>--map</translation>
    </message>
</context>
<context>
    <name>ImportMessages</name>
    <message>
        <source>Company name</source>
        <translation>Company name</translation>
    </message>
    <message>
        <source>Company ID (from an export)</source>
        <translation>Company ID (from an export)</translation>
    </message>
    <message>
        <source>Person ID (from an export)</source>
        <translation>Person ID (from an export)</translation>
    </message>
    <message>
        <source>Row type (company or person)</source>
        <translation>Row type (company or person)</translation>
    </message>
    <message>
        <source>Is a company (yes or no)</source>
        <translation>Is a company (yes or no)</translation>
    </message>
    <message>
        <source>Address type (home or work)</source>
        <translation>Address type (home or work)</translation>
    </message>
    <message>
        <source>External reference (ID in another system)</source>
        <translation>External reference (ID in another system)</translation>
    </message>
    <message>
        <source>VAT ID</source>
        <translation>VAT ID</translation>
    </message>
    <message>
        <source>Person&apos;s company</source>
        <translation>Person&apos;s company</translation>
    </message>
    <message>
        <source>Tags</source>
        <translation>Tags</translation>
    </message>
    <message>
        <source>Salutation</source>
        <translation>Salutation</translation>
    </message>
    <message>
        <source>Academic title</source>
        <translation>Academic title</translation>
    </message>
    <message>
        <source>First name</source>
        <translation>First name</translation>
    </message>
    <message>
        <source>Last name</source>
        <translation>Last name</translation>
    </message>
    <message>
        <source>Full name</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Department</source>
        <translation>Department</translation>
    </message>
    <message>
        <source>Direct phone</source>
        <translation>Direct phone</translation>
    </message>
    <message>
        <source>Mobile</source>
        <translation>Mobile</translation>
    </message>
    <message>
        <source>Person&apos;s e-mail</source>
        <translation>Person&apos;s e-mail</translation>
    </message>
    <message>
        <source>LinkedIn</source>
        <translation>LinkedIn</translation>
    </message>
    <message>
        <source>Decision role</source>
        <translation>Decision role</translation>
    </message>
    <message>
        <source>Lead status</source>
        <translation>Lead status</translation>
    </message>
    <message>
        <source>Person&apos;s owner</source>
        <translation>Person&apos;s owner</translation>
    </message>
    <message>
        <source>Legal basis</source>
        <translation>Legal basis</translation>
    </message>
    <message>
        <source>Data source</source>
        <translation>Data source</translation>
    </message>
    <message>
        <source>Do not contact (objection)</source>
        <translation>Do not contact (objection)</translation>
    </message>
    <message>
        <source>Objection since</source>
        <translation>Objection since</translation>
    </message>
    <message>
        <source>Reason for the objection</source>
        <translation>Reason for the objection</translation>
    </message>
    <message>
        <source>Area code (of the phone column)</source>
        <translation>Area code (of the phone column)</translation>
    </message>
    <message>
        <source>“{value}” is not a postcode (country: {country}, e.g. {example}).</source>
        <translation>“{value}” is not a postcode (country: {country}, e.g. {example}).</translation>
    </message>
    <message>
        <source>“{value}” is not a country.</source>
        <translation>“{value}” is not a country.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid VAT ID.</source>
        <translation>“{value}” is not a valid VAT ID.</translation>
    </message>
    <message>
        <source>“{value}” (kept here: only companies have tags).</source>
        <translation>“{value}” (kept here: only companies have tags).</translation>
    </message>
    <message>
        <source>the person was erased at their request (GDPR Art. 17) and is not imported again.</source>
        <translation>the person was erased at their request (GDPR Art. 17) and is not imported again.</translation>
    </message>
    <message>
        <source>“{value}” is not a member of the team; kept as a tag.</source>
        <translation>“{value}” is not a member of the team; kept as a tag.</translation>
    </message>
    <message>
        <source>also given: “{value}”.</source>
        <translation>also given: “{value}”.</translation>
    </message>
    <message>
        <source>“{value}” is not a legal form such as GmbH or KG.</source>
        <translation>“{value}” is not a legal form such as GmbH or KG.</translation>
    </message>
    <message>
        <source>“{value}” is not a salutation such as Herr, Frau, Mr or Ms.</source>
        <translation>“{value}” is not a salutation such as Herr, Frau, Mr or Ms.</translation>
    </message>
    <message>
        <source>not a valid phone number</source>
        <translation>not a valid phone number</translation>
    </message>
    <message>
        <source>not an e-mail address</source>
        <translation>not an e-mail address</translation>
    </message>
    <message>
        <source>not valid for the country</source>
        <translation>not valid for the country</translation>
    </message>
    <message>
        <source>not recognised</source>
        <translation>not recognised</translation>
    </message>
    <message>
        <source>not a valid VAT ID</source>
        <translation>not a valid VAT ID</translation>
    </message>
    <message>
        <source>value not known, kept as a tag</source>
        <translation>value not known, kept as a tag</translation>
    </message>
    <message>
        <source>not a member of the team, kept as a tag</source>
        <translation>not a member of the team, kept as a tag</translation>
    </message>
    <message>
        <source>value not readable</source>
        <translation>value not readable</translation>
    </message>
    <message>
        <source>too long, shortened</source>
        <translation>too long, shortened</translation>
    </message>
    <message>
        <source>Import of {file}, row {line} ({date}):</source>
        <translation>Import of {file}, row {line} ({date}):</translation>
    </message>
    <message>
        <source>New</source>
        <translation>New</translation>
    </message>
    <message>
        <source>Update</source>
        <translation>Update</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Skip</translation>
    </message>
    <message>
        <source>Add person</source>
        <translation>Add person</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>Error</translation>
    </message>
    <message>
        <source>The file {file} cannot be opened. Check that it exists and that you may read it.</source>
        <translation>The file {file} cannot be opened. Check that it exists and that you may read it.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is empty.</source>
        <translation>The file {file} cannot be read: it is empty.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), an OpenDocument spreadsheet (.ods) or a CSV text file. Save it as an Excel workbook (.xlsx) or as CSV and try again.</source>
        <translation>The file {file} cannot be read: it is not an Excel workbook (.xlsx, .xlsm, .xls), an OpenDocument spreadsheet (.ods) or a CSV text file. Save it as an Excel workbook (.xlsx) or as CSV and try again.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is a web page (HTML), not a real spreadsheet, even if its name says otherwise. Open it in Excel and save it as an Excel workbook (.xlsx).</source>
        <translation>The file {file} cannot be read: it is a web page (HTML), not a real spreadsheet, even if its name says otherwise. Open it in Excel and save it as an Excel workbook (.xlsx).</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is damaged or incomplete. Open it in Excel or LibreOffice, save it again and retry.</source>
        <translation>The file {file} cannot be read: it is damaged or incomplete. Open it in Excel or LibreOffice, save it again and retry.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is protected with a password. Remove the password in Excel and save it again.</source>
        <translation>The file {file} cannot be read: it is protected with a password. Remove the password in Excel and save it again.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it holds {size_mb} MB of data, more than the {limit_mb} MB that can be imported at once. Split it into smaller files.</source>
        <translation>The file {file} cannot be read: it holds {size_mb} MB of data, more than the {limit_mb} MB that can be imported at once. Split it into smaller files.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it is packed so that it would unpack to far more data than a spreadsheet holds, which can make the computer stop responding. Ask the sender for a copy saved directly from Excel.</source>
        <translation>The file {file} cannot be read: it is packed so that it would unpack to far more data than a spreadsheet holds, which can make the computer stop responding. Ask the sender for a copy saved directly from Excel.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it contains XML entity definitions that spreadsheets never use and that can exhaust the memory. Ask the sender for a copy saved directly from Excel.</source>
        <translation>The file {file} cannot be read: it contains XML entity definitions that spreadsheets never use and that can exhaust the memory. Ask the sender for a copy saved directly from Excel.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it has more than {limit} rows. Split it into files of at most {limit} rows.</source>
        <translation>The file {file} cannot be read: it has more than {limit} rows. Split it into files of at most {limit} rows.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: it has data in column {column}, beyond the {limit} columns that can be imported. Delete the columns you do not need and save it again.</source>
        <translation>The file {file} cannot be read: it has data in column {column}, beyond the {limit} columns that can be imported. Delete the columns you do not need and save it again.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: the spreadsheet reader stopped unexpectedly, so the file is probably damaged. Open it in Excel or LibreOffice, save it again and retry.</source>
        <translation>The file {file} cannot be read: the spreadsheet reader stopped unexpectedly, so the file is probably damaged. Open it in Excel or LibreOffice, save it again and retry.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: no row naming the columns was found in its first {rows} rows. Add a row with column names (for example Firma, PLZ, Ort) above the data.</source>
        <translation>The file {file} cannot be read: no row naming the columns was found in its first {rows} rows. Add a row with column names (for example Firma, PLZ, Ort) above the data.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read with row {row} as the column names: that row is empty or beyond the first rows. Choose a row with the column names.</source>
        <translation>The file {file} cannot be read with row {row} as the column names: that row is empty or beyond the first rows. Choose a row with the column names.</translation>
    </message>
    <message>
        <source>The file {file} has column names in row {row} but no rows of data below them: there is nothing to import.</source>
        <translation>The file {file} has column names in row {row} but no rows of data below them: there is nothing to import.</translation>
    </message>
    <message>
        <source>The file {file} cannot be imported from the sheet “{sheet}”: it holds instructions, not a table of records.</source>
        <translation>The file {file} cannot be imported from the sheet “{sheet}”: it holds instructions, not a table of records.</translation>
    </message>
    <message>
        <source>The file {file} has no sheet named “{sheet}”. Choose one of: {sheets}.</source>
        <translation>The file {file} has no sheet named “{sheet}”. Choose one of: {sheets}.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: the sheet “{sheet}” is empty.</source>
        <translation>The file {file} cannot be read: the sheet “{sheet}” is empty.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: its text is not in a known encoding. Save it again as “CSV UTF-8” from Excel.</source>
        <translation>The file {file} cannot be read: its text is not in a known encoding. Save it again as “CSV UTF-8” from Excel.</translation>
    </message>
    <message>
        <source>The file {file} cannot be read: a quoted field that starts in row {row} is never closed. Check the quotation marks (&quot;) in that row, or save the file again from Excel.</source>
        <translation>The file {file} cannot be read: a quoted field that starts in row {row} is never closed. Check the quotation marks (&quot;) in that row, or save the file again from Excel.</translation>
    </message>
    <message>
        <source>required, but empty.</source>
        <translation>required, but empty.</translation>
    </message>
    <message>
        <source>longer than {limit} characters.</source>
        <translation>longer than {limit} characters.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number.</source>
        <translation>“{value}” is not a valid phone number.</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}” is not an e-mail address.</translation>
    </message>
    <message>
        <source>not a web address such as www.example.de.</source>
        <translation>not a web address such as www.example.de.</translation>
    </message>
    <message>
        <source>must not be negative.</source>
        <translation>must not be negative.</translation>
    </message>
    <message>
        <source>no company has the ID {id}.</source>
        <translation>no company has the ID {id}.</translation>
    </message>
    <message>
        <source>the company has no person with the ID {id}.</source>
        <translation>the company has no person with the ID {id}.</translation>
    </message>
    <message>
        <source>no date given for the objection; today&apos;s date is recorded.</source>
        <translation>no date given for the objection; today&apos;s date is recorded.</translation>
    </message>
    <message>
        <source>“{value}” is not a number.</source>
        <translation>“{value}” is not a number.</translation>
    </message>
    <message>
        <source>The row names neither a company nor a person.</source>
        <translation>The row names neither a company nor a person.</translation>
    </message>
    <message>
        <source>“{value}” is not one of the values this field knows; kept as a tag.</source>
        <translation>“{value}” is not one of the values this field knows; kept as a tag.</translation>
    </message>
    <message>
        <source>only a first name is given; it is stored as the name.</source>
        <translation>only a first name is given; it is stored as the name.</translation>
    </message>
    <message>
        <source>“{value}”.</source>
        <translation>“{value}”.</translation>
    </message>
    <message>
        <source>“{value}” is a date, not a number.</source>
        <translation>“{value}” is a date, not a number.</translation>
    </message>
    <message>
        <source>“{value}” is not a whole number.</source>
        <translation>“{value}” is not a whole number.</translation>
    </message>
    <message>
        <source>“{value}” is not a date such as 31.12.2024.</source>
        <translation>“{value}” is not a date such as 31.12.2024.</translation>
    </message>
    <message>
        <source>“{value}” is neither yes nor no (ja, nein, x).</source>
        <translation>“{value}” is neither yes nor no (ja, nein, x).</translation>
    </message>
    <message>
        <source>{field}: {problem}</source>
        <translation>{field}: {problem}</translation>
    </message>
    <message>
        <source>Person added to the company of row {line}.</source>
        <translation>Person added to the company of row {line}.</translation>
    </message>
    <message>
        <source>Same company as row {line}; skipped.</source>
        <translation>Same company as row {line}; skipped.</translation>
    </message>
    <message>
        <source>Updates the person already in the database (same ID).</source>
        <translation>Updates the person already in the database (same ID).</translation>
    </message>
    <message>
        <source>Already in the database ({reason}); skipped.</source>
        <translation>Already in the database ({reason}); skipped.</translation>
    </message>
    <message>
        <source>Updates the company already in the database ({reason}).</source>
        <translation>Updates the company already in the database ({reason}).</translation>
    </message>
    <message>
        <source>Person added to the company in the database ({reason}).</source>
        <translation>Person added to the company in the database ({reason}).</translation>
    </message>
    <message>
        <source>{rows}: {records}</source>
        <translation>{rows}: {records}</translation>
    </message>
    <message>
        <source>{count} × {reason}</source>
        <translation>{count} × {reason}</translation>
    </message>
    <message>
        <source>{count} × other reasons</source>
        <translation>{count} × other reasons</translation>
    </message>
    <message>
        <source>Imported with a note in the record:</source>
        <translation>Imported with a note in the record:</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>Not imported:</translation>
    </message>
    <message>
        <source>Row {line}: {reasons}</source>
        <translation>Row {line}: {reasons}</translation>
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message>
        <source>1 row would be imported</source>
        <translation>1 row would be imported</translation>
    </message>
    <message>
        <source>{n} rows would be imported</source>
        <translation>{n} rows would be imported</translation>
    </message>
    <message>
        <source>1 row imported</source>
        <translation>1 row imported</translation>
    </message>
    <message>
        <source>{n} rows imported</source>
        <translation>{n} rows imported</translation>
    </message>
    <message>
        <source>({n} of them with notes)</source>
        <translation>({n} of them with notes)</translation>
    </message>
    <message>
        <source>{n} skipped as duplicates</source>
        <translation>{n} skipped as duplicates</translation>
    </message>
    <message>
        <source>{n} refused</source>
        <translation>{n} refused</translation>
    </message>
    <message>
        <source>1 new company</source>
        <translation>1 new company</translation>
    </message>
    <message>
        <source>{n} new companies</source>
        <translation>{n} new companies</translation>
    </message>
    <message>
        <source>1 company updated</source>
        <translation>1 company updated</translation>
    </message>
    <message>
        <source>{n} companies updated</source>
        <translation>{n} companies updated</translation>
    </message>
    <message>
        <source>1 new contact</source>
        <translation>1 new contact</translation>
    </message>
    <message>
        <source>{n} new contacts</source>
        <translation>{n} new contacts</translation>
    </message>
    <message>
        <source>1 contact updated</source>
        <translation>1 contact updated</translation>
    </message>
    <message>
        <source>{n} contacts updated</source>
        <translation>{n} contacts updated</translation>
    </message>
    <message>
        <source>Imported with a note in the record:</source>
        <translation>Imported with a note in the record:</translation>
    </message>
    <message>
        <source>Not imported:</source>
        <translation>Not imported:</translation>
    </message>
    <message>
        <source>Row {line}: {reasons}</source>
        <translation>Row {line}: {reasons}</translation>
    </message>
    <message>
        <source>… and {n} more rows not imported.</source>
        <translation>… and {n} more rows not imported.</translation>
    </message>
    <message>
        <source>Import number {n}; it can be undone in the application.</source>
        <translation>Import number {n}; it can be undone in the application.</translation>
    </message>
    <message>
        <source>The file {file} cannot be imported: {reason}</source>
        <translation>The file {file} cannot be imported: {reason}</translation>
    </message>
    <message>
        <source>{file}: nothing can be imported: no column was recognised as a company or person name; choose one in the wizard or use --map &quot;HEADER=name&quot;.</source>
        <translation>{file}: nothing can be imported: no column was recognised as a company or person name; choose one in the wizard or use --map &quot;HEADER=name&quot;.</translation>
    </message>
    <message>
        <source>--country: “{value}” is not a country.</source>
        <translation>--country: “{value}” is not a country.</translation>
    </message>
    <message>
        <source>suggested by the postcodes and phone numbers</source>
        <translation>suggested by the postcodes and phone numbers</translation>
    </message>
    <message>
        <source>the home country; choose another with --country</source>
        <translation>the home country; choose another with --country</translation>
    </message>
    <message>
        <source>as chosen</source>
        <translation>as chosen</translation>
    </message>
    <message>
        <source>Country of rows that name none: {country} ({why}).</source>
        <translation>Country of rows that name none: {country} ({why}).</translation>
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <source>Import spreadsheet</source>
        <translation>Import spreadsheet</translation>
    </message>
</context>
<context>
    <name>IndustryDialog</name>
    <message>
        <source>Choose industries</source>
        <translation>Choose industries</translation>
    </message>
    <message>
        <source>Choose industry</source>
        <translation>Choose industry</translation>
    </message>
    <message>
        <source>Code or words, e.g. 28.4 or Teigwaren</source>
        <translation>Code or words, e.g. 28.4 or Teigwaren</translation>
    </message>
    <message numerus="yes">
        <source>More than %Ln found; type more to narrow the list.</source>
        <translation>
            <numerusform>More than %Ln found; type more to narrow the list.</numerusform>
            <numerusform>More than %Ln found; type more to narrow the list.</numerusform>
        </translation>
    </message>
    <message>
        <source>Nothing found.</source>
        <translation>Nothing found.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln found.</source>
        <translation>
            <numerusform>%Ln found.</numerusform>
            <numerusform>%Ln found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <source>Mr</source>
        <translation>Mr</translation>
    </message>
    <message>
        <source>Ms</source>
        <translation>Ms</translation>
    </message>
    <message>
        <source>Decision maker</source>
        <translation>Decision maker</translation>
    </message>
    <message>
        <source>Influencer</source>
        <translation>Influencer</translation>
    </message>
    <message>
        <source>User</source>
        <translation>User</translation>
    </message>
    <message>
        <source>Gatekeeper</source>
        <translation>Gatekeeper</translation>
    </message>
    <message>
        <source>Unknown</source>
        <translation>Unknown</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Lead</source>
        <translation>Lead</translation>
    </message>
    <message>
        <source>Qualifying</source>
        <translation>Qualifying</translation>
    </message>
    <message>
        <source>Nurturing</source>
        <translation>Nurturing</translation>
    </message>
    <message>
        <source>Opportunity</source>
        <translation>Opportunity</translation>
    </message>
    <message>
        <source>Disqualified</source>
        <translation>Disqualified</translation>
    </message>
    <message>
        <source>Consent</source>
        <translation>Consent</translation>
    </message>
    <message>
        <source>Contract</source>
        <translation>Contract</translation>
    </message>
    <message>
        <source>Legitimate interest</source>
        <translation>Legitimate interest</translation>
    </message>
    <message>
        <source>Not recorded</source>
        <translation>Not recorded</translation>
    </message>
    <message>
        <source>The person agreed to be contacted (Art. 6(1)(a) GDPR).</source>
        <translation>The person agreed to be contacted (Art. 6(1)(a) GDPR).</translation>
    </message>
    <message>
        <source>Needed for a contract with the person or a request of theirs (Art. 6(1)(b)).</source>
        <translation>Needed for a contract with the person or a request of theirs (Art. 6(1)(b)).</translation>
    </message>
    <message>
        <source>Business contact in their professional role, weighed against their interests (Art. 6(1)(f)).</source>
        <translation>Business contact in their professional role, weighed against their interests (Art. 6(1)(f)).</translation>
    </message>
    <message>
        <source>Record why you may process this person&apos;s data before contacting them.</source>
        <translation>Record why you may process this person&apos;s data before contacting them.</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Calls</translation>
    </message>
    <message>
        <source>E-mails</source>
        <translation>E-mails</translation>
    </message>
    <message>
        <source>In writing, signed</source>
        <translation>In writing, signed</translation>
    </message>
    <message>
        <source>Web form with double opt-in</source>
        <translation>Web form with double opt-in</translation>
    </message>
    <message>
        <source>By e-mail</source>
        <translation>By e-mail</translation>
    </message>
    <message>
        <source>In person</source>
        <translation>In person</translation>
    </message>
    <message>
        <source>On the phone</source>
        <translation>On the phone</translation>
    </message>
    <message>
        <source>Independent company</source>
        <translation>Independent company</translation>
    </message>
    <message>
        <source>Headquarters</source>
        <translation>Headquarters</translation>
    </message>
    <message>
        <source>Branch</source>
        <translation>Branch</translation>
    </message>
    <message>
        <source>Subsidiary</source>
        <translation>Subsidiary</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Group</translation>
    </message>
    <message>
        <source>Manufacturing</source>
        <translation>Manufacturing</translation>
    </message>
    <message>
        <source>Trade</source>
        <translation>Trade</translation>
    </message>
    <message>
        <source>Services</source>
        <translation>Services</translation>
    </message>
    <message>
        <source>Craft</source>
        <translation>Craft</translation>
    </message>
    <message>
        <source>Public sector</source>
        <translation>Public sector</translation>
    </message>
    <message>
        <source>Other</source>
        <translation>Other</translation>
    </message>
    <message>
        <source>Field sales</source>
        <translation>Field sales</translation>
    </message>
    <message>
        <source>Inside sales</source>
        <translation>Inside sales</translation>
    </message>
    <message>
        <source>External agency</source>
        <translation>External agency</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Call</translation>
    </message>
    <message>
        <source>E-mail</source>
        <translation>E-mail</translation>
    </message>
    <message>
        <source>Meeting</source>
        <translation>Meeting</translation>
    </message>
    <message>
        <source>Letter</source>
        <translation>Letter</translation>
    </message>
    <message>
        <source>Note</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Not reached</source>
        <translation>Not reached</translation>
    </message>
    <message>
        <source>Call back</source>
        <translation>Call back</translation>
    </message>
    <message>
        <source>Appointment made</source>
        <translation>Appointment made</translation>
    </message>
    <message>
        <source>Not interested</source>
        <translation>Not interested</translation>
    </message>
    <message>
        <source>Information sent</source>
        <translation>Information sent</translation>
    </message>
    <message>
        <source>Wrong contact</source>
        <translation>Wrong contact</translation>
    </message>
    <message>
        <source>Objected</source>
        <translation>Objected</translation>
    </message>
    <message>
        <source>All steps done</source>
        <translation>All steps done</translation>
    </message>
    <message>
        <source>Became an opportunity</source>
        <translation>Became an opportunity</translation>
    </message>
    <message>
        <source>Objected to advertising</source>
        <translation>Objected to advertising</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>Stopped</translation>
    </message>
    <message>
        <source>Authority</source>
        <translation>Authority</translation>
    </message>
    <message>
        <source>Need</source>
        <translation>Need</translation>
    </message>
    <message>
        <source>Budget</source>
        <translation>Budget</translation>
    </message>
    <message>
        <source>Timing</source>
        <translation>Timing</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>Open</translation>
    </message>
    <message>
        <source>Met</source>
        <translation>Met</translation>
    </message>
    <message>
        <source>Not met</source>
        <translation>Not met</translation>
    </message>
    <message>
        <source>Cannot decide</source>
        <translation>Cannot decide</translation>
    </message>
    <message>
        <source>No need</source>
        <translation>No need</translation>
    </message>
    <message>
        <source>No budget</source>
        <translation>No budget</translation>
    </message>
    <message>
        <source>No decision in sight</source>
        <translation>No decision in sight</translation>
    </message>
    <message>
        <source>Bound to a competitor</source>
        <translation>Bound to a competitor</translation>
    </message>
    <message>
        <source>Never reached</source>
        <translation>Never reached</translation>
    </message>
    <message>
        <source>Other reason</source>
        <translation>Other reason</translation>
    </message>
    <message>
        <source>Offer in preparation</source>
        <translation>Offer in preparation</translation>
    </message>
    <message>
        <source>Offer sent</source>
        <translation>Offer sent</translation>
    </message>
    <message>
        <source>Negotiation</source>
        <translation>Negotiation</translation>
    </message>
    <message>
        <source>Won</source>
        <translation>Won</translation>
    </message>
    <message>
        <source>Lost</source>
        <translation>Lost</translation>
    </message>
    <message>
        <source>Price</source>
        <translation>Price</translation>
    </message>
    <message>
        <source>Went to a competitor</source>
        <translation>Went to a competitor</translation>
    </message>
    <message>
        <source>No decision</source>
        <translation>No decision</translation>
    </message>
    <message>
        <source>Postponed</source>
        <translation>Postponed</translation>
    </message>
    <message>
        <source>Offer did not fit</source>
        <translation>Offer did not fit</translation>
    </message>
    <message>
        <source>Brandenburg</source>
        <translation>Brandenburg</translation>
    </message>
    <message>
        <source>Berlin</source>
        <translation>Berlin</translation>
    </message>
    <message>
        <source>Baden-Württemberg</source>
        <translation>Baden-Württemberg</translation>
    </message>
    <message>
        <source>Bavaria</source>
        <translation>Bavaria</translation>
    </message>
    <message>
        <source>Bremen</source>
        <translation>Bremen</translation>
    </message>
    <message>
        <source>Hesse</source>
        <translation>Hesse</translation>
    </message>
    <message>
        <source>Hamburg</source>
        <translation>Hamburg</translation>
    </message>
    <message>
        <source>Mecklenburg-Western Pomerania</source>
        <translation>Mecklenburg-Western Pomerania</translation>
    </message>
    <message>
        <source>Lower Saxony</source>
        <translation>Lower Saxony</translation>
    </message>
    <message>
        <source>North Rhine-Westphalia</source>
        <translation>North Rhine-Westphalia</translation>
    </message>
    <message>
        <source>Rhineland-Palatinate</source>
        <translation>Rhineland-Palatinate</translation>
    </message>
    <message>
        <source>Schleswig-Holstein</source>
        <translation>Schleswig-Holstein</translation>
    </message>
    <message>
        <source>Saarland</source>
        <translation>Saarland</translation>
    </message>
    <message>
        <source>Saxony</source>
        <translation>Saxony</translation>
    </message>
    <message>
        <source>Saxony-Anhalt</source>
        <translation>Saxony-Anhalt</translation>
    </message>
    <message>
        <source>Thuringia</source>
        <translation>Thuringia</translation>
    </message>
</context>
<context>
    <name>LeadActions</name>
    <message>
        <source>&amp;Qualify…</source>
        <translation>&amp;Qualify…</translation>
    </message>
    <message>
        <source>The four criteria of this lead: authority, need, budget and timing</source>
        <translation>The four criteria of this lead: authority, need, budget and timing</translation>
    </message>
    <message>
        <source>Set &amp;owner…</source>
        <translation>Set &amp;owner…</translation>
    </message>
    <message>
        <source>Apply &amp;nurturing plan…</source>
        <translation>Apply &amp;nurturing plan…</translation>
    </message>
    <message>
        <source>Plan a series of touches for the chosen leads, e.g. six in nine months</source>
        <translation>Plan a series of touches for the chosen leads, e.g. six in nine months</translation>
    </message>
    <message>
        <source>&amp;Log activity…</source>
        <translation>&amp;Log activity…</translation>
    </message>
    <message>
        <source>Nobody</source>
        <translation>Nobody</translation>
    </message>
    <message>
        <source>Set owner</source>
        <translation>Set owner</translation>
    </message>
    <message numerus="yes">
        <source>Owner of %Ln persons:</source>
        <translation>
            <numerusform>Owner of %Ln person:</numerusform>
            <numerusform>Owner of %Ln persons:</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Nurturing plan started for %Ln person(s).</source>
        <translation>
            <numerusform>Nurturing plan started for %Ln person.</numerusform>
            <numerusform>Nurturing plan started for %Ln persons.</numerusform>
        </translation>
    </message>
    <message>
        <source>Left out: {who}.</source>
        <translation>Left out: {who}.</translation>
    </message>
</context>
<context>
    <name>LostReasonDialog</name>
    <message>
        <source>Deal lost</source>
        <translation>Deal lost</translation>
    </message>
    <message>
        <source>Why was “%1” lost?</source>
        <translation>Why was “%1” lost?</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <source>optional, in your own words</source>
        <translation>optional, in your own words</translation>
    </message>
    <message>
        <source>&amp;Reason</source>
        <translation>&amp;Reason</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Mark as &amp;lost</source>
        <translation>Mark as &amp;lost</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
    <message>
        <source>Start</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Companies</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>Trash</translation>
    </message>
    <message>
        <source>The database in use</source>
        <translation>The database in use</translation>
    </message>
    <message>
        <source>Opening the database…</source>
        <translation>Opening the database…</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Ideal customer</source>
        <translation>Ideal customer</translation>
    </message>
    <message>
        <source>Personas</source>
        <translation>Personas</translation>
    </message>
    <message>
        <source>Funnel planning</source>
        <translation>Funnel planning</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Calendar</source>
        <translation>Calendar</translation>
    </message>
    <message>
        <source>Call day</source>
        <translation>Call day</translation>
    </message>
    <message>
        <source>A database server is backed up with its own tools, such as pg_dump.</source>
        <translation>A database server is backed up with its own tools, such as pg_dump.</translation>
    </message>
    <message>
        <source>&amp;New company…</source>
        <translation>&amp;New company…</translation>
    </message>
    <message>
        <source>New &amp;contact…</source>
        <translation>New &amp;contact…</translation>
    </message>
    <message>
        <source>&amp;Import spreadsheet…</source>
        <translation>&amp;Import spreadsheet…</translation>
    </message>
    <message>
        <source>Import &amp;history…</source>
        <translation>Import &amp;history…</translation>
    </message>
    <message>
        <source>Import acti&amp;vities…</source>
        <translation>Import acti&amp;vities…</translation>
    </message>
    <message>
        <source>&amp;Export…</source>
        <translation>&amp;Export…</translation>
    </message>
    <message>
        <source>Save import &amp;template…</source>
        <translation>Save import &amp;template…</translation>
    </message>
    <message>
        <source>Load &amp;sample data</source>
        <translation>Load &amp;sample data</translation>
    </message>
    <message>
        <source>&amp;Remove sample data…</source>
        <translation>&amp;Remove sample data…</translation>
    </message>
    <message>
        <source>&amp;Backups…</source>
        <translation>&amp;Backups…</translation>
    </message>
    <message>
        <source>C&amp;heck the database…</source>
        <translation>C&amp;heck the database…</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Settings…</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Quit</translation>
    </message>
    <message>
        <source>&amp;Start</source>
        <translation>&amp;Start</translation>
    </message>
    <message>
        <source>&amp;Companies</source>
        <translation>&amp;Companies</translation>
    </message>
    <message>
        <source>C&amp;ontacts</source>
        <translation>C&amp;ontacts</translation>
    </message>
    <message>
        <source>&amp;Ideal customer</source>
        <translation>&amp;Ideal customer</translation>
    </message>
    <message>
        <source>&amp;Personas</source>
        <translation>&amp;Personas</translation>
    </message>
    <message>
        <source>&amp;Funnel planning</source>
        <translation>&amp;Funnel planning</translation>
    </message>
    <message>
        <source>Opport&amp;unities</source>
        <translation>Opport&amp;unities</translation>
    </message>
    <message>
        <source>T&amp;eam</source>
        <translation>T&amp;eam</translation>
    </message>
    <message>
        <source>Ca&amp;lendar</source>
        <translation>Ca&amp;lendar</translation>
    </message>
    <message>
        <source>C&amp;all day</source>
        <translation>C&amp;all day</translation>
    </message>
    <message>
        <source>&amp;Nurturing plans…</source>
        <translation>&amp;Nurturing plans…</translation>
    </message>
    <message>
        <source>&amp;Export calendar…</source>
        <translation>&amp;Export calendar…</translation>
    </message>
    <message>
        <source>&amp;Trash</source>
        <translation>&amp;Trash</translation>
    </message>
    <message>
        <source>&amp;Find…</source>
        <translation>&amp;Find…</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>&amp;Undo</translation>
    </message>
    <message>
        <source>&amp;Redo</source>
        <translation>&amp;Redo</translation>
    </message>
    <message>
        <source>&amp;User guide</source>
        <translation>&amp;User guide</translation>
    </message>
    <message>
        <source>&amp;About Prospector</source>
        <translation>&amp;About Prospector</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;File</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Edit</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>&amp;View</translation>
    </message>
    <message>
        <source>&amp;Activities</source>
        <translation>&amp;Activities</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Help</translation>
    </message>
    <message>
        <source>Company saved.</source>
        <translation>Company saved.</translation>
    </message>
    <message>
        <source>Contact saved.</source>
        <translation>Contact saved.</translation>
    </message>
    <message>
        <source>Export companies</source>
        <translation>Export companies</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx);;CSV, semicolons (*.csv)</source>
        <translation>Excel workbook (*.xlsx);;CSV, semicolons (*.csv)</translation>
    </message>
    <message>
        <source>Exported %1 companies and %2 contacts to %3.</source>
        <translation>Exported %1 companies and %2 contacts to %3.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln cell(s) held characters Excel does not accept; they were removed.</source>
        <translation>
            <numerusform>%Ln cell held characters Excel does not accept; they were removed.</numerusform>
            <numerusform>%Ln cells held characters Excel does not accept; they were removed.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <source>Save import template</source>
        <translation>Save import template</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>Template saved: %1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <source>Export calendar</source>
        <translation>Export calendar</translation>
    </message>
    <message>
        <source>Prospector.ics</source>
        <translation>Prospector.ics</translation>
    </message>
    <message>
        <source>iCalendar file (*.ics)</source>
        <translation>iCalendar file (*.ics)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln planned touch(es) exported to {file}.</source>
        <translation>
            <numerusform>%Ln planned touch exported to {file}.</numerusform>
            <numerusform>%Ln planned touches exported to {file}.</numerusform>
        </translation>
    </message>
    <message>
        <source>Exporting the calendar…</source>
        <translation>Exporting the calendar…</translation>
    </message>
    <message>
        <source>Load sample data</source>
        <translation>Load sample data</translation>
    </message>
    <message>
        <source>The sample data is already loaded. Load it a second time?</source>
        <translation>The sample data is already loaded. Load it a second time?</translation>
    </message>
    <message>
        <source>Loading the sample data…</source>
        <translation>Loading the sample data…</translation>
    </message>
    <message>
        <source>No sample data is loaded.</source>
        <translation>No sample data is loaded.</translation>
    </message>
    <message>
        <source>Remove sample data</source>
        <translation>Remove sample data</translation>
    </message>
    <message numerus="yes">
        <source>Delete the %Ln sample companies with their contacts and history for good? Companies you added or imported stay.</source>
        <translation>
            <numerusform>Delete the %Ln sample company with its contacts and history for good? Companies you added or imported stay.</numerusform>
            <numerusform>Delete the %Ln sample companies with their contacts and history for good? Companies you added or imported stay.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln sample companies deleted.</source>
        <translation>
            <numerusform>%Ln sample company deleted.</numerusform>
            <numerusform>%Ln sample companies deleted.</numerusform>
        </translation>
    </message>
    <message>
        <source>Loading cancelled; nothing was changed.</source>
        <translation>Loading cancelled; nothing was changed.</translation>
    </message>
    <message>
        <source>Loaded %1 companies and %2 contacts.</source>
        <translation>Loaded %1 companies and %2 contacts.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies</source>
        <translation>
            <numerusform>%Ln company</numerusform>
            <numerusform>%Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %Ln companies</source>
        <translation>
            <numerusform>%1 of %Ln company</numerusform>
            <numerusform>%1 of %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln selected</source>
        <translation>
            <numerusform>%Ln selected</numerusform>
            <numerusform>%Ln selected</numerusform>
        </translation>
    </message>
    <message>
        <source>Trash (%1)</source>
        <translation>Trash (%1)</translation>
    </message>
    <message numerus="yes">
        <source>%Ln company(s) moved to the trash. Ctrl+Z brings them back.</source>
        <translation>
            <numerusform>%Ln company moved to the trash. Ctrl+Z brings it back.</numerusform>
            <numerusform>%Ln companies moved to the trash. Ctrl+Z brings them back.</numerusform>
        </translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>&amp;Undo: %1</translation>
    </message>
    <message>
        <source>&amp;Redo: %1</source>
        <translation>&amp;Redo: %1</translation>
    </message>
    <message>
        <source>Undo import</source>
        <translation>Undo import</translation>
    </message>
    <message>
        <source>Undo the import of “%1”? The companies and contacts it added are deleted and what it changed is restored. It cannot be redone.</source>
        <translation>Undo the import of “%1”? The companies and contacts it added are deleted and what it changed is restored. It cannot be redone.</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>Undone: %1</translation>
    </message>
    <message>
        <source>Redone: %1</source>
        <translation>Redone: %1</translation>
    </message>
    <message>
        <source>Settings saved. They take effect at the next start.</source>
        <translation>Settings saved. They take effect at the next start.</translation>
    </message>
</context>
<context>
    <name>MappingModel</name>
    <message>
        <source>— ignore —</source>
        <translation>— ignore —</translation>
    </message>
    <message>
        <source>(column %1 without a name)</source>
        <translation>(column %1 without a name)</translation>
    </message>
    <message>
        <source>as last time</source>
        <translation>as last time</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Guessed from a similar name: “%1”. Check the examples.</source>
        <translation>Guessed from a similar name: “%1”. Check the examples.</translation>
    </message>
    <message>
        <source>As you chose it last time for a file with these columns.</source>
        <translation>As you chose it last time for a file with these columns.</translation>
    </message>
    <message>
        <source>Recognised by the name of the column.</source>
        <translation>Recognised by the name of the column.</translation>
    </message>
    <message>
        <source>Column in the file</source>
        <translation>Column in the file</translation>
    </message>
    <message>
        <source>Import as</source>
        <translation>Import as</translation>
    </message>
    <message>
        <source>Examples from the file</source>
        <translation>Examples from the file</translation>
    </message>
    <message>
        <source>Recognised</source>
        <translation>Recognised</translation>
    </message>
</context>
<context>
    <name>MemberDialog</name>
    <message>
        <source>New team member</source>
        <translation>New team member</translation>
    </message>
    <message>
        <source>Edit “%1”</source>
        <translation>Edit “%1”</translation>
    </message>
    <message>
        <source>e.g. %1</source>
        <translation>e.g. %1</translation>
    </message>
    <message>
        <source>&amp;Active: takes on leads</source>
        <translation>&amp;Active: takes on leads</translation>
    </message>
    <message>
        <source>Hours a week this person spends qualifying leads.</source>
        <translation>Hours a week this person spends qualifying leads.</translation>
    </message>
    <message>
        <source>Dial attempts an hour, reached or not.</source>
        <translation>Dial attempts an hour, reached or not.</translation>
    </message>
    <message>
        <source>Of 100 calls, how many reach the person wanted.</source>
        <translation>Of 100 calls, how many reach the person wanted.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>&amp;Role:</source>
        <translation>&amp;Role:</translation>
    </message>
    <message>
        <source>&amp;Hours a week for qualification:</source>
        <translation>&amp;Hours a week for qualification:</translation>
    </message>
    <message>
        <source>&amp;Calls per hour:</source>
        <translation>&amp;Calls per hour:</translation>
    </message>
    <message>
        <source>Reach ra&amp;te (%):</source>
        <translation>Reach ra&amp;te (%):</translation>
    </message>
    <message>
        <source>E-&amp;mail:</source>
        <translation>E-&amp;mail:</translation>
    </message>
    <message>
        <source>Not a number, e.g. %1.</source>
        <translation>Not a number, e.g. %1.</translation>
    </message>
    <message>
        <source>A whole number of percent, e.g. 25.</source>
        <translation>A whole number of percent, e.g. 25.</translation>
    </message>
    <message>
        <source>A team member with this name exists already.</source>
        <translation>A team member with this name exists already.</translation>
    </message>
    <message>
        <source>At most %1 hours a week.</source>
        <translation>At most %1 hours a week.</translation>
    </message>
    <message>
        <source>Not a number.</source>
        <translation>Not a number.</translation>
    </message>
    <message>
        <source>Between 0 and %1 calls an hour.</source>
        <translation>Between 0 and %1 calls an hour.</translation>
    </message>
    <message>
        <source>Between 0 and 100 %.</source>
        <translation>Between 0 and 100 %.</translation>
    </message>
</context>
<context>
    <name>MergeDialog</name>
    <message>
        <source>Merge companies</source>
        <translation>Merge companies</translation>
    </message>
    <message>
        <source>&amp;Keep the other one instead</source>
        <translation>&amp;Keep the other one instead</translation>
    </message>
    <message>
        <source>&amp;Merge</source>
        <translation>&amp;Merge</translation>
    </message>
    <message>
        <source>“%1” is kept. The contacts, history, opportunities and tags of “%2” move to it, empty fields are filled from it, and then it is deleted. Notes of both are kept.</source>
        <translation>“%1” is kept. The contacts, history, opportunities and tags of “%2” move to it, empty fields are filled from it, and then it is deleted. Notes of both are kept.</translation>
    </message>
    <message>
        <source>The two records do not contradict each other.</source>
        <translation>The two records do not contradict each other.</translation>
    </message>
    <message>
        <source>Where they differ, choose the value to keep:</source>
        <translation>Where they differ, choose the value to keep:</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>company</source>
        <translation>company</translation>
    </message>
    <message>
        <source>contact</source>
        <translation>contact</translation>
    </message>
    <message>
        <source>saved view</source>
        <translation>saved view</translation>
    </message>
    <message>
        <source>team member</source>
        <translation>team member</translation>
    </message>
    <message>
        <source>lead</source>
        <translation>lead</translation>
    </message>
    <message>
        <source>opportunity</source>
        <translation>opportunity</translation>
    </message>
    <message>
        <source>persona</source>
        <translation>persona</translation>
    </message>
    <message>
        <source>{location} is not a Prospector database. Choose another file or a new one.</source>
        <translation>{location} is not a Prospector database. Choose another file or a new one.</translation>
    </message>
    <message>
        <source>{location} is a database of another program, not of Prospector. Choose another file or a new one.</source>
        <translation>{location} is a database of another program, not of Prospector. Choose another file or a new one.</translation>
    </message>
    <message>
        <source>{location} was written by a newer version of Prospector (schema {revision}). Install the newer version to open it.</source>
        <translation>{location} was written by a newer version of Prospector (schema {revision}). Install the newer version to open it.</translation>
    </message>
    <message>
        <source>{location} is read-only. Make the file and its folder writable, or choose another database.</source>
        <translation>{location} is read-only. Make the file and its folder writable, or choose another database.</translation>
    </message>
    <message>
        <source>{location} is locked by another program. Close the other program and try again.</source>
        <translation>{location} is locked by another program. Close the other program and try again.</translation>
    </message>
    <message>
        <source>{location} is damaged: parts of it cannot be read. Restore a backup of it (in the folder “backups” beside it), or choose another database.</source>
        <translation>{location} is damaged: parts of it cannot be read. Restore a backup of it (in the folder “backups” beside it), or choose another database.</translation>
    </message>
    <message>
        <source>The disk of {location} is full. Free some space on it and try again; nothing was changed.</source>
        <translation>The disk of {location} is full. Free some space on it and try again; nothing was changed.</translation>
    </message>
    <message>
        <source>The disk of {location} reported a read or write error. Check the disk or the network connection and try again; if it happens again, restore a backup.</source>
        <translation>The disk of {location} reported a read or write error. Check the disk or the network connection and try again; if it happens again, restore a backup.</translation>
    </message>
    <message>
        <source>{location} does not exist. Check the name and the folder of the database.</source>
        <translation>{location} does not exist. Check the name and the folder of the database.</translation>
    </message>
    <message>
        <source>{location} cannot be created: {folder} is a file, not a folder. Choose another place for the database.</source>
        <translation>{location} cannot be created: {folder} is a file, not a folder. Choose another place for the database.</translation>
    </message>
    <message>
        <source>“{location}” is not a database Prospector can open. Give a file, or a PostgreSQL server as postgresql+psycopg://user:password@host:5432/database.</source>
        <translation>“{location}” is not a database Prospector can open. Give a file, or a PostgreSQL server as postgresql+psycopg://user:password@host:5432/database.</translation>
    </message>
    <message>
        <source>There is no room for a backup of {location}: {needed} MB are needed, {free} MB are free on the disk. Free some space and try again; nothing was changed.</source>
        <translation>There is no room for a backup of {location}: {needed} MB are needed, {free} MB are free on the disk. Free some space and try again; nothing was changed.</translation>
    </message>
    <message>
        <source>The backup of {location} could not be written to the folder {folder}. Check that the folder is writable and the disk is in order; nothing was changed.</source>
        <translation>The backup of {location} could not be written to the folder {folder}. Check that the folder is writable and the disk is in order; nothing was changed.</translation>
    </message>
    <message>
        <source>Backups are made of database files. Back up the database server {location} with its own tools, such as pg_dump.</source>
        <translation>Backups are made of database files. Back up the database server {location} with its own tools, such as pg_dump.</translation>
    </message>
    <message>
        <source>The backup {location} is damaged or not a Prospector database. Choose another one.</source>
        <translation>The backup {location} is damaged or not a Prospector database. Choose another one.</translation>
    </message>
    <message>
        <source>The disk has no room left for {path}. Free some space and export again; nothing was written.</source>
        <translation>The disk has no room left for {path}. Free some space and export again; nothing was written.</translation>
    </message>
    <message>
        <source>{path} cannot be written: the folder is read-only or you may not write there. Choose another folder.</source>
        <translation>{path} cannot be written: the folder is read-only or you may not write there. Choose another folder.</translation>
    </message>
    <message>
        <source>The folder of {path} does not exist. Choose another folder.</source>
        <translation>The folder of {path} does not exist. Choose another folder.</translation>
    </message>
    <message>
        <source>{path}: an export is written as .xlsx or .csv. Give the file one of these endings.</source>
        <translation>{path}: an export is written as .xlsx or .csv. Give the file one of these endings.</translation>
    </message>
    <message>
        <source>The database server at {location} cannot be reached: {reason}</source>
        <translation>The database server at {location} cannot be reached: {reason}</translation>
    </message>
    <message>
        <source>The database {location} cannot be used: {reason}</source>
        <translation>The database {location} cannot be used: {reason}</translation>
    </message>
    <message>
        <source>The export to {path} failed: {reason}</source>
        <translation>The export to {path} failed: {reason}</translation>
    </message>
    <message>
        <source>The sheet {sheet} would have more than {limit} rows, more than Excel can open. Export to CSV, or export fewer companies.</source>
        <translation>The sheet {sheet} would have more than {limit} rows, more than Excel can open. Export to CSV, or export fewer companies.</translation>
    </message>
    <message>
        <source>{path} cannot be replaced; it may be open in Excel. Close it there and export again.</source>
        <translation>{path} cannot be replaced; it may be open in Excel. Close it there and export again.</translation>
    </message>
    <message>
        <source>The {entity} with number {id} no longer exists; it may have been deleted.</source>
        <translation>The {entity} with number {id} no longer exists; it may have been deleted.</translation>
    </message>
    <message>
        <source>The {entity} “{name}” was changed by someone else since you opened it. Reload it to see the changes.</source>
        <translation>The {entity} “{name}” was changed by someone else since you opened it. Reload it to see the changes.</translation>
    </message>
    <message>
        <source>This can no longer be undone or redone: {count} of the companies were changed or deleted since.</source>
        <translation>This can no longer be undone or redone: {count} of the companies were changed or deleted since.</translation>
    </message>
    <message>
        <source>A lead cannot go from “{current}” to “{target}”.</source>
        <translation>A lead cannot go from “{current}” to “{target}”.</translation>
    </message>
    <message>
        <source>A person without a company is not a lead. Link the person to a company first.</source>
        <translation>A person without a company is not a lead. Link the person to a company first.</translation>
    </message>
    <message>
        <source>An opportunity needs all four criteria met, with evidence. Still missing: {missing}.</source>
        <translation>An opportunity needs all four criteria met, with evidence. Still missing: {missing}.</translation>
    </message>
    <message>
        <source>Choose why the lead is disqualified.</source>
        <translation>Choose why the lead is disqualified.</translation>
    </message>
    <message>
        <source>Give the date to qualify the lead again.</source>
        <translation>Give the date to qualify the lead again.</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Required.</translation>
    </message>
    <message>
        <source>At most {limit} characters.</source>
        <translation>At most {limit} characters.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid phone number. Enter it with area code, e.g. 0351 123456 or +49 351 123456.</source>
        <translation>“{value}” is not a valid phone number. Enter it with area code, e.g. 0351 123456 or +49 351 123456.</translation>
    </message>
    <message>
        <source>“{value}” is not an e-mail address.</source>
        <translation>“{value}” is not an e-mail address.</translation>
    </message>
    <message>
        <source>Not a web address such as www.example.de.</source>
        <translation>Not a web address such as www.example.de.</translation>
    </message>
    <message>
        <source>“{value}” is not a postcode (country: {country}, e.g. {example}).</source>
        <translation>“{value}” is not a postcode (country: {country}, e.g. {example}).</translation>
    </message>
    <message>
        <source>“{value}” is not a country. Enter its name or code, e.g. Österreich or AT.</source>
        <translation>“{value}” is not a country. Enter its name or code, e.g. Österreich or AT.</translation>
    </message>
    <message>
        <source>“{value}” is not a valid VAT ID, e.g. DE136695976.</source>
        <translation>“{value}” is not a valid VAT ID, e.g. DE136695976.</translation>
    </message>
    <message>
        <source>Must not be negative.</source>
        <translation>Must not be negative.</translation>
    </message>
    <message>
        <source>The date lies in the future.</source>
        <translation>The date lies in the future.</translation>
    </message>
    <message>
        <source>Not a number, e.g. 2.500.000.</source>
        <translation>Not a number, e.g. 2.500.000.</translation>
    </message>
    <message>
        <source>Met needs evidence: note what shows it (who said what, when).</source>
        <translation>Met needs evidence: note what shows it (who said what, when).</translation>
    </message>
    <message>
        <source>Must lie between {low} and {high}.</source>
        <translation>Must lie between {low} and {high}.</translation>
    </message>
    <message>
        <source>The upper end lies below the lower end.</source>
        <translation>The upper end lies below the lower end.</translation>
    </message>
    <message>
        <source>“{value}” exists already.</source>
        <translation>“{value}” exists already.</translation>
    </message>
    <message>
        <source>A public holiday: {holiday}.</source>
        <translation>A public holiday: {holiday}.</translation>
    </message>
    <message>
        <source>A Saturday or Sunday.</source>
        <translation>A Saturday or Sunday.</translation>
    </message>
    <message>
        <source>The person objected to advertising: nothing can be planned with them.</source>
        <translation>The person objected to advertising: nothing can be planned with them.</translation>
    </message>
    <message>
        <source>The date lies in the past.</source>
        <translation>The date lies in the past.</translation>
    </message>
    <message>
        <source>The call went to the switchboard, not to a person; only a person can object.</source>
        <translation>The call went to the switchboard, not to a person; only a person can object.</translation>
    </message>
    <message>
        <source>It was done already.</source>
        <translation>It was done already.</translation>
    </message>
    <message>
        <source>The plan needs at least one step.</source>
        <translation>The plan needs at least one step.</translation>
    </message>
    <message>
        <source>At most {most} steps.</source>
        <translation>At most {most} steps.</translation>
    </message>
    <message>
        <source>Days after the step before must not be negative.</source>
        <translation>Days after the step before must not be negative.</translation>
    </message>
    <message>
        <source>At most {days} days after the step before.</source>
        <translation>At most {days} days after the step before.</translation>
    </message>
    <message>
        <source>An unexpected error occurred: {reason}. The details are in the log file.</source>
        <translation>An unexpected error occurred: {reason}. The details are in the log file.</translation>
    </message>
    <message>
        <source>Prospector</source>
        <translation>Prospector</translation>
    </message>
</context>
<context>
    <name>MonthGrid</name>
    <message>
        <source>Month</source>
        <translation>Month</translation>
    </message>
    <message numerus="yes">
        <source>%Ln overdue</source>
        <translation>
            <numerusform>%Ln overdue</numerusform>
            <numerusform>%Ln overdue</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln planned</source>
        <translation>
            <numerusform>%Ln planned</numerusform>
            <numerusform>%Ln planned</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln done</source>
        <translation>
            <numerusform>%Ln done</numerusform>
            <numerusform>%Ln done</numerusform>
        </translation>
    </message>
    <message>
        <source>Today, %1</source>
        <translation>Today, %1</translation>
    </message>
    <message>
        <source>Public holiday: %1</source>
        <translation>Public holiday: %1</translation>
    </message>
    <message>
        <source>Nothing planned</source>
        <translation>Nothing planned</translation>
    </message>
</context>
<context>
    <name>NurtureDialog</name>
    <message>
        <source>Nurture the lead</source>
        <translation>Nurture the lead</translation>
    </message>
    <message>
        <source>Why it waits, what to ask next time</source>
        <translation>Why it waits, what to ask next time</translation>
    </message>
    <message>
        <source>The lead is not ready yet. It stays in nurturing and is qualified again from the date you give.</source>
        <translation>The lead is not ready yet. It stays in nurturing and is qualified again from the date you give.</translation>
    </message>
    <message>
        <source>&amp;Qualify again on:</source>
        <translation>&amp;Qualify again on:</translation>
    </message>
    <message>
        <source>&amp;Note:</source>
        <translation>&amp;Note:</translation>
    </message>
    <message>
        <source>Nurture</source>
        <translation>Nurture</translation>
    </message>
</context>
<context>
    <name>OpenOpportunityDialog</name>
    <message>
        <source>Create opportunity</source>
        <translation>Create opportunity</translation>
    </message>
    <message>
        <source>What will be offered</source>
        <translation>What will be offered</translation>
    </message>
    <message>
        <source>&amp;Title:</source>
        <translation>&amp;Title:</translation>
    </message>
    <message>
        <source>&amp;Value:</source>
        <translation>&amp;Value:</translation>
    </message>
    <message>
        <source>Expected &amp;close:</source>
        <translation>Expected &amp;close:</translation>
    </message>
    <message>
        <source>O&amp;ffer:</source>
        <translation>O&amp;ffer:</translation>
    </message>
    <message>
        <source>Create</source>
        <translation>Create</translation>
    </message>
    <message>
        <source>A title is required</source>
        <translation>A title is required</translation>
    </message>
</context>
<context>
    <name>OpportunityDialog</name>
    <message>
        <source>Opportunity “%1”</source>
        <translation>Opportunity “%1”</translation>
    </message>
    <message>
        <source>What is offered, at what terms</source>
        <translation>What is offered, at what terms</translation>
    </message>
    <message>
        <source>in euros, e.g. 25.000</source>
        <translation>in euros, e.g. 25.000</translation>
    </message>
    <message>
        <source>E&amp;xpected close</source>
        <translation>E&amp;xpected close</translation>
    </message>
    <message>
        <source>Choose a reason</source>
        <translation>Choose a reason</translation>
    </message>
    <message>
        <source>optional, in your own words</source>
        <translation>optional, in your own words</translation>
    </message>
    <message>
        <source>&amp;Title *</source>
        <translation>&amp;Title *</translation>
    </message>
    <message>
        <source>O&amp;ffer</source>
        <translation>O&amp;ffer</translation>
    </message>
    <message>
        <source>&amp;Value</source>
        <translation>&amp;Value</translation>
    </message>
    <message>
        <source>St&amp;age</source>
        <translation>St&amp;age</translation>
    </message>
    <message>
        <source>&amp;Probability</source>
        <translation>&amp;Probability</translation>
    </message>
    <message>
        <source>O&amp;wner</source>
        <translation>O&amp;wner</translation>
    </message>
    <message>
        <source>&amp;Lost because</source>
        <translation>&amp;Lost because</translation>
    </message>
    <message>
        <source>&amp;Details</source>
        <translation>&amp;Details</translation>
    </message>
    <message>
        <source>Discard the changes you made to this opportunity?</source>
        <translation>Discard the changes you made to this opportunity?</translation>
    </message>
</context>
<context>
    <name>OutcomeEntry</name>
    <message>
        <source>&amp;Details…</source>
        <translation>&amp;Details…</translation>
    </message>
    <message>
        <source>Any outcome, with notes (Enter)</source>
        <translation>Any outcome, with notes (Enter)</translation>
    </message>
    <message>
        <source>Qualification chec&amp;klist…</source>
        <translation>Qualification chec&amp;klist…</translation>
    </message>
    <message>
        <source>The lead&apos;s four criteria (Q)</source>
        <translation>The lead&apos;s four criteria (Q)</translation>
    </message>
    <message>
        <source>Back to the &amp;list</source>
        <translation>Back to the &amp;list</translation>
    </message>
    <message>
        <source>Backspace: back · Enter: details · Q: checklist</source>
        <translation>Backspace: back · Enter: details · Q: checklist</translation>
    </message>
    <message>
        <source>Enter the outcomes in the order of the printed list: the numbers are those on the sheets. One key per call; it is recorded at once.</source>
        <translation>Enter the outcomes in the order of the printed list: the numbers are those on the sheets. One key per call; it is recorded at once.</translation>
    </message>
    <message>
        <source>Enter the outcomes in the order shown (no PDF was made for this list). One key per call; it is recorded at once.</source>
        <translation>Enter the outcomes in the order shown (no PDF was made for this list). One key per call; it is recorded at once.</translation>
    </message>
    <message numerus="yes">
        <source>All %Ln call(s) entered.</source>
        <translation>
            <numerusform>%Ln call entered.</numerusform>
            <numerusform>All %Ln calls entered.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2 entered.</source>
        <translation>%1 of %2 entered.</translation>
    </message>
    <message>
        <source>No. %1 is entered already; correct it in the company&apos;s activities.</source>
        <translation>No. %1 is entered already; correct it in the company&apos;s activities.</translation>
    </message>
</context>
<context>
    <name>PdfPreviewDialog</name>
    <message>
        <source>Preview – %1</source>
        <translation>Preview – %1</translation>
    </message>
    <message>
        <source>Open in &amp;viewer</source>
        <translation>Open in &amp;viewer</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>This installation cannot show PDF files itself. The call day is saved as %1; open it in your PDF viewer to look at it and print it.</source>
        <translation>This installation cannot show PDF files itself. The call day is saved as %1; open it in your PDF viewer to look at it and print it.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln page(s)</source>
        <translation>
            <numerusform>%Ln page</numerusform>
            <numerusform>%Ln pages</numerusform>
        </translation>
    </message>
    <message>
        <source>Zoom out (Ctrl+−)</source>
        <translation>Zoom out (Ctrl+−)</translation>
    </message>
    <message>
        <source>Zoom in (Ctrl++)</source>
        <translation>Zoom in (Ctrl++)</translation>
    </message>
    <message>
        <source>Fit &amp;width</source>
        <translation>Fit &amp;width</translation>
    </message>
    <message>
        <source>&amp;Print…</source>
        <translation>&amp;Print…</translation>
    </message>
    <message>
        <source>&amp;Save as…</source>
        <translation>&amp;Save as…</translation>
    </message>
    <message>
        <source>No program to show PDF files was found. The file is %1.</source>
        <translation>No program to show PDF files was found. The file is %1.</translation>
    </message>
    <message>
        <source>Save the call day as</source>
        <translation>Save the call day as</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message>
        <source>The printer could not be started.</source>
        <translation>The printer could not be started.</translation>
    </message>
</context>
<context>
    <name>PersonaMatchDialog</name>
    <message>
        <source>Match contacts to personas</source>
        <translation>Match contacts to personas</translation>
    </message>
    <message>
        <source>Reading the job titles…</source>
        <translation>Reading the job titles…</translation>
    </message>
    <message>
        <source>Tick &amp;all</source>
        <translation>Tick &amp;all</translation>
    </message>
    <message>
        <source>Tick &amp;none</source>
        <translation>Tick &amp;none</translation>
    </message>
    <message>
        <source>Assign ticked</source>
        <translation>Assign ticked</translation>
    </message>
    <message>
        <source>No contact without a persona has a job title that fits one. Add titles or keywords to the personas and try again.</source>
        <translation>No contact without a persona has a job title that fits one. Add titles or keywords to the personas and try again.</translation>
    </message>
    <message>
        <source>%1 contacts without a persona fit one by their job title; %2 are ticked. Certain matches (80 and more) are ticked already.</source>
        <translation>%1 contacts without a persona fit one by their job title; %2 are ticked. Certain matches (80 and more) are ticked already.</translation>
    </message>
</context>
<context>
    <name>PersonaPage</name>
    <message>
        <source>New persona</source>
        <translation>New persona</translation>
    </message>
    <message>
        <source>&amp;New persona</source>
        <translation>&amp;New persona</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>Match contacts…</source>
        <translation>Match contacts…</translation>
    </message>
    <message>
        <source>Suggest a persona for every contact whose job title fits one</source>
        <translation>Suggest a persona for every contact whose job title fits one</translation>
    </message>
    <message>
        <source>One per line, e.g.
Einkaufsleiter
Leiter Einkauf
Head of Procurement</source>
        <translation>One per line, e.g.
Einkaufsleiter
Leiter Einkauf
Head of Procurement</translation>
    </message>
    <message>
        <source>One per line, e.g. Einkauf, Procurement</source>
        <translation>One per line, e.g. Einkauf, Procurement</translation>
    </message>
    <message>
        <source>e.g. management, head of department</source>
        <translation>e.g. management, head of department</translation>
    </message>
    <message>
        <source>Can approve the budget</source>
        <translation>Can approve the budget</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Job &amp;titles:</source>
        <translation>Job &amp;titles:</translation>
    </message>
    <message>
        <source>&amp;Keywords:</source>
        <translation>&amp;Keywords:</translation>
    </message>
    <message>
        <source>&amp;Department:</source>
        <translation>&amp;Department:</translation>
    </message>
    <message>
        <source>S&amp;eniority:</source>
        <translation>S&amp;eniority:</translation>
    </message>
    <message>
        <source>Decision &amp;role:</source>
        <translation>Decision &amp;role:</translation>
    </message>
    <message>
        <source>&amp;Goals:</source>
        <translation>&amp;Goals:</translation>
    </message>
    <message>
        <source>&amp;Pains:</source>
        <translation>&amp;Pains:</translation>
    </message>
    <message>
        <source>&amp;Objections:</source>
        <translation>&amp;Objections:</translation>
    </message>
    <message>
        <source>Talking &amp;points:</source>
        <translation>Talking &amp;points:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the persona (Ctrl+S)</source>
        <translation>Save the persona (Ctrl+S)</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Not saved yet.</translation>
    </message>
    <message>
        <source>Unsaved persona</source>
        <translation>Unsaved persona</translation>
    </message>
    <message>
        <source>Save the changes to the persona “{name}”?</source>
        <translation>Save the changes to the persona “{name}”?</translation>
    </message>
    <message>
        <source>Delete persona</source>
        <translation>Delete persona</translation>
    </message>
    <message>
        <source>Delete the persona “{name}”? Contacts matched to it keep everything else.</source>
        <translation>Delete the persona “{name}”? Contacts matched to it keep everything else.</translation>
    </message>
</context>
<context>
    <name>PersonalDataActions</name>
    <message>
        <source>E&amp;xport the person&apos;s data (GDPR Art. 15)…</source>
        <translation>E&amp;xport the person&apos;s data (GDPR Art. 15)…</translation>
    </message>
    <message>
        <source>E&amp;rase the person on request (GDPR Art. 17)…</source>
        <translation>E&amp;rase the person on request (GDPR Art. 17)…</translation>
    </message>
    <message>
        <source>Export the person&apos;s data</source>
        <translation>Export the person&apos;s data</translation>
    </message>
    <message>
        <source>JSON file (*.json)</source>
        <translation>JSON file (*.json)</translation>
    </message>
    <message>
        <source>Exporting the person&apos;s data…</source>
        <translation>Exporting the person&apos;s data…</translation>
    </message>
    <message>
        <source>Everything stored about the person is in %1: every field, their company, activities, qualification and opportunities, and where the data came from.</source>
        <translation>Everything stored about the person is in %1: every field, their company, activities, qualification and opportunities, and where the data came from.</translation>
    </message>
    <message>
        <source>Erase the person</source>
        <translation>Erase the person</translation>
    </message>
    <message>
        <source>Erase “%1” with their activities and qualification, as they asked (GDPR Art. 17)? This cannot be undone.</source>
        <translation>Erase “%1” with their activities and qualification, as they asked (GDPR Art. 17)? This cannot be undone.</translation>
    </message>
    <message>
        <source>Only keyed hashes of their e-mail address and phone numbers are kept, so that no later import brings them back. Their company stays. Backups made before today still hold them until they are thinned out.</source>
        <translation>Only keyed hashes of their e-mail address and phone numbers are kept, so that no later import brings them back. Their company stays. Backups made before today still hold them until they are thinned out.</translation>
    </message>
    <message>
        <source>&amp;Erase</source>
        <translation>&amp;Erase</translation>
    </message>
</context>
<context>
    <name>Pipeline</name>
    <message>
        <source>No reason given</source>
        <translation>No reason given</translation>
    </message>
    <message>
        <source>no value yet</source>
        <translation>no value yet</translation>
    </message>
    <message>
        <source>closed %1</source>
        <translation>closed %1</translation>
    </message>
    <message>
        <source>closes %1</source>
        <translation>closes %1</translation>
    </message>
    <message>
        <source>Title</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Stage</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>Probability</source>
        <translation>Probability</translation>
    </message>
    <message>
        <source>Weighted</source>
        <translation>Weighted</translation>
    </message>
    <message>
        <source>Expected close</source>
        <translation>Expected close</translation>
    </message>
    <message>
        <source>Owner</source>
        <translation>Owner</translation>
    </message>
</context>
<context>
    <name>PipelinePage</name>
    <message>
        <source>Everyone</source>
        <translation>Everyone</translation>
    </message>
    <message>
        <source>Title or company</source>
        <translation>Title or company</translation>
    </message>
    <message>
        <source>Closing &amp;until</source>
        <translation>Closing &amp;until</translation>
    </message>
    <message>
        <source>All stages</source>
        <translation>All stages</translation>
    </message>
    <message>
        <source>St&amp;age</source>
        <translation>St&amp;age</translation>
    </message>
    <message>
        <source>Boar&amp;d</source>
        <translation>Boar&amp;d</translation>
    </message>
    <message>
        <source>&amp;List</source>
        <translation>&amp;List</translation>
    </message>
    <message>
        <source>&amp;Owner</source>
        <translation>&amp;Owner</translation>
    </message>
    <message>
        <source>Sear&amp;ch</source>
        <translation>Sear&amp;ch</translation>
    </message>
    <message>
        <source>◀ &amp;Back</source>
        <translation>◀ &amp;Back</translation>
    </message>
    <message>
        <source>Move the deal one stage back (Ctrl+Left)</source>
        <translation>Move the deal one stage back (Ctrl+Left)</translation>
    </message>
    <message>
        <source>For&amp;ward ▶</source>
        <translation>For&amp;ward ▶</translation>
    </message>
    <message>
        <source>Move the deal one stage on (Ctrl+Right)</source>
        <translation>Move the deal one stage on (Ctrl+Right)</translation>
    </message>
    <message>
        <source>Wo&amp;n</source>
        <translation>Wo&amp;n</translation>
    </message>
    <message>
        <source>Lo&amp;st…</source>
        <translation>Lo&amp;st…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;it…</translation>
    </message>
    <message>
        <source>Open the deal (Enter or double-click)</source>
        <translation>Open the deal (Enter or double-click)</translation>
    </message>
    <message>
        <source>Move back</source>
        <translation>Move back</translation>
    </message>
    <message>
        <source>Move on</source>
        <translation>Move on</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deals listed</source>
        <translation>
            <numerusform>%Ln deal listed</numerusform>
            <numerusform>%Ln deals listed</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Open: %Ln deals · %1 · weighted %2</source>
        <translation>
            <numerusform>Open: %Ln deal · %1 · weighted %2</numerusform>
            <numerusform>Open: %Ln deals · %1 · weighted %2</numerusform>
        </translation>
    </message>
    <message>
        <source>Lost: %1</source>
        <translation>Lost: %1</translation>
    </message>
    <message>
        <source>Lost: none</source>
        <translation>Lost: none</translation>
    </message>
    <message>
        <source>No deals yet. A lead becomes one when its qualification has all four criteria met and you open an opportunity.</source>
        <translation>No deals yet. A lead becomes one when its qualification has all four criteria met and you open an opportunity.</translation>
    </message>
</context>
<context>
    <name>PlannerPage</name>
    <message>
        <source>in %1 months</source>
        <translation>in %1 months</translation>
    </message>
    <message>
        <source>Use my rates</source>
        <translation>Use my rates</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profile:</translation>
    </message>
    <message>
        <source>New &amp;customers wanted:</source>
        <translation>New &amp;customers wanted:</translation>
    </message>
    <message>
        <source>P&amp;eriod:</source>
        <translation>P&amp;eriod:</translation>
    </message>
    <message>
        <source>Core company → &amp;lead:</source>
        <translation>Core company → &amp;lead:</translation>
    </message>
    <message>
        <source>Lead → c&amp;ustomer:</source>
        <translation>Lead → c&amp;ustomer:</translation>
    </message>
    <message>
        <source>Goal and rates</source>
        <translation>Goal and rates</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Verdict</translation>
    </message>
    <message>
        <source>Save as PNG…</source>
        <translation>Save as PNG…</translation>
    </message>
    <message>
        <source>Save as PDF…</source>
        <translation>Save as PDF…</translation>
    </message>
    <message>
        <source>Each company keeps its source; an import gives its new companies one. Type what a source cost into its cost cell (double-click or F2).</source>
        <translation>Each company keeps its source; an import gives its new companies one. Type what a source cost into its cost cell (double-click or F2).</translation>
    </message>
    <message>
        <source>Funnel: planned and actual</source>
        <translation>Funnel: planned and actual</translation>
    </message>
    <message>
        <source>Sources and costs</source>
        <translation>Sources and costs</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (active)</translation>
    </message>
    <message>
        <source>No ideal customer yet: all companies</source>
        <translation>No ideal customer yet: all companies</translation>
    </message>
    <message>
        <source>All companies</source>
        <translation>All companies</translation>
    </message>
    <message>
        <source>Cost not saved</source>
        <translation>Cost not saved</translation>
    </message>
    <message>
        <source>Enter the cost as an amount in euros of 0 or more, e.g. 2.500.</source>
        <translation>Enter the cost as an amount in euros of 0 or more, e.g. 2.500.</translation>
    </message>
    <message>
        <source>Your own rates are shown once %1 leads are decided (won, lost or disqualified); so far %2.</source>
        <translation>Your own rates are shown once %1 leads are decided (won, lost or disqualified); so far %2.</translation>
    </message>
    <message>
        <source>core company → lead %1 % (from %2 companies worked on)</source>
        <translation>core company → lead %1 % (from %2 companies worked on)</translation>
    </message>
    <message>
        <source>lead → customer %1 % (from %2 decided leads)</source>
        <translation>lead → customer %1 % (from %2 decided leads)</translation>
    </message>
    <message>
        <source>No decided lead became a customer yet: the rule of ten stays.</source>
        <translation>No decided lead became a customer yet: the rule of ten stays.</translation>
    </message>
    <message>
        <source>Your rates: %1</source>
        <translation>Your rates: %1</translation>
    </message>
    <message>
        <source>%1 new customers %4 need %2 leads from %3 companies of the core group.</source>
        <translation>%1 new customers %4 need %2 leads from %3 companies of the core group.</translation>
    </message>
    <message>
        <source>Enter how many new customers you want.</source>
        <translation>Enter how many new customers you want.</translation>
    </message>
    <message>
        <source>Your core group is enough: %1 companies, %2 needed.</source>
        <translation>Your core group is enough: %1 companies, %2 needed.</translation>
    </message>
    <message>
        <source>Your core group is enough for %1 of %2 customers: %3 companies, %4 needed.</source>
        <translation>Your core group is enough for %1 of %2 customers: %3 companies, %4 needed.</translation>
    </message>
    <message>
        <source>Funnel of “%1”</source>
        <translation>Funnel of “%1”</translation>
    </message>
    <message>
        <source>No single must-criterion holds the core group back: widen the profile or add companies to the database.</source>
        <translation>No single must-criterion holds the core group back: widen the profile or add companies to the database.</translation>
    </message>
    <message>
        <source>What if one must-criterion were dropped:</source>
        <translation>What if one must-criterion were dropped:</translation>
    </message>
    <message>
        <source>without “%1”: +%2 companies, enough</source>
        <translation>without “%1”: +%2 companies, enough</translation>
    </message>
    <message>
        <source>without “%1”: +%2 companies, still %3 short</source>
        <translation>without “%1”: +%2 companies, still %3 short</translation>
    </message>
    <message>
        <source>Target group</source>
        <translation>Target group</translation>
    </message>
    <message>
        <source>Core group</source>
        <translation>Core group</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Save the funnel as PNG</source>
        <translation>Save the funnel as PNG</translation>
    </message>
    <message>
        <source>Funnel.png</source>
        <translation>Funnel.png</translation>
    </message>
    <message>
        <source>PNG image (*.png)</source>
        <translation>PNG image (*.png)</translation>
    </message>
    <message>
        <source>Save the funnel as PDF</source>
        <translation>Save the funnel as PDF</translation>
    </message>
    <message>
        <source>Funnel.pdf</source>
        <translation>Funnel.pdf</translation>
    </message>
    <message>
        <source>PDF document (*.pdf)</source>
        <translation>PDF document (*.pdf)</translation>
    </message>
</context>
<context>
    <name>PreviewModel</name>
    <message>
        <source>Row</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>Action</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Postcode</source>
        <translation>Postcode</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Phone</translation>
    </message>
    <message>
        <source>Person</source>
        <translation>Person</translation>
    </message>
    <message>
        <source>Problems and notes</source>
        <translation>Problems and notes</translation>
    </message>
</context>
<context>
    <name>PreviewPage</name>
    <message>
        <source>Preview</source>
        <translation>Preview</translation>
    </message>
    <message>
        <source>The rows as they will be stored. Nothing is stored until you click Import.</source>
        <translation>The rows as they will be stored. Nothing is stored until you click Import.</translation>
    </message>
    <message>
        <source>&amp;Import</source>
        <translation>&amp;Import</translation>
    </message>
    <message>
        <source>&amp;Country of rows that name none:</source>
        <translation>&amp;Country of rows that name none:</translation>
    </message>
    <message>
        <source>&amp;Source of the new companies:</source>
        <translation>&amp;Source of the new companies:</translation>
    </message>
    <message>
        <source>&amp;Only rows with problems</source>
        <translation>&amp;Only rows with problems</translation>
    </message>
    <message numerus="yes">
        <source>Checking %Ln rows…</source>
        <translation>
            <numerusform>Checking %Ln row…</numerusform>
            <numerusform>Checking %Ln rows…</numerusform>
        </translation>
    </message>
    <message>
        <source>There is nothing to import: every row has an error or is already in the database. Go back to change the columns or the duplicate handling.</source>
        <translation>There is nothing to import: every row has an error or is already in the database. Go back to change the columns or the duplicate handling.</translation>
    </message>
    <message>
        <source>suggested by the postcodes and phone numbers of the file</source>
        <translation>suggested by the postcodes and phone numbers of the file</translation>
    </message>
    <message>
        <source>the file does not suggest one</source>
        <translation>the file does not suggest one</translation>
    </message>
    <message>
        <source>The check was cancelled. Go back and try again.</source>
        <translation>The check was cancelled. Go back and try again.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s) with problems.</source>
        <translation>
            <numerusform>%Ln row with problems.</numerusform>
            <numerusform>%Ln rows with problems.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln row(s).</source>
        <translation>
            <numerusform>%Ln row.</numerusform>
            <numerusform>%Ln rows.</numerusform>
        </translation>
    </message>
    <message>
        <source>Row %1: %2</source>
        <translation>Row %1: %2</translation>
    </message>
</context>
<context>
    <name>ProfilePage</name>
    <message>
        <source>Ideal customer</source>
        <translation>Ideal customer</translation>
    </message>
    <message>
        <source>New profile…</source>
        <translation>New profile…</translation>
    </message>
    <message>
        <source>Make active</source>
        <translation>Make active</translation>
    </message>
    <message>
        <source>Score every company against this profile and plan with its core group</source>
        <translation>Score every company against this profile and plan with its core group</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>Delete…</translation>
    </message>
    <message>
        <source>&amp;Profile:</source>
        <translation>&amp;Profile:</translation>
    </message>
    <message>
        <source>The core group: the companies that meet every must-criterion. Plan with it, not with the whole market.</source>
        <translation>The core group: the companies that meet every must-criterion. Plan with it, not with the whole market.</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Name:</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Criteria</translation>
    </message>
    <message>
        <source>What the call sheets print</source>
        <translation>What the call sheets print</translation>
    </message>
    <message>
        <source>&amp;Markets:</source>
        <translation>&amp;Markets:</translation>
    </message>
    <message>
        <source>P&amp;ain points:</source>
        <translation>P&amp;ain points:</translation>
    </message>
    <message>
        <source>&amp;Value proposition:</source>
        <translation>&amp;Value proposition:</translation>
    </message>
    <message>
        <source>N&amp;otes:</source>
        <translation>N&amp;otes:</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Save the profile (Ctrl+S)</source>
        <translation>Save the profile (Ctrl+S)</translation>
    </message>
    <message>
        <source>Discard changes</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <source>%1 (active)</source>
        <translation>%1 (active)</translation>
    </message>
    <message>
        <source>%1 (new)</source>
        <translation>%1 (new)</translation>
    </message>
    <message>
        <source>Not saved yet.</source>
        <translation>Not saved yet.</translation>
    </message>
    <message>
        <source>Active: the fit scores of all companies follow this profile.</source>
        <translation>Active: the fit scores of all companies follow this profile.</translation>
    </message>
    <message>
        <source>Not active: the fit scores follow another profile.</source>
        <translation>Not active: the fit scores follow another profile.</translation>
    </message>
    <message>
        <source>Core group: check the postcode areas</source>
        <translation>Core group: check the postcode areas</translation>
    </message>
    <message>
        <source>Core group: %1 of %2 companies (%3 %)</source>
        <translation>Core group: %1 of %2 companies (%3 %)</translation>
    </message>
    <message>
        <source>Counting what each criterion costs…</source>
        <translation>Counting what each criterion costs…</translation>
    </message>
    <message>
        <source>Scoring every company against the profile…</source>
        <translation>Scoring every company against the profile…</translation>
    </message>
    <message>
        <source>Unsaved profile</source>
        <translation>Unsaved profile</translation>
    </message>
    <message>
        <source>Save the changes to the profile “{name}”?</source>
        <translation>Save the changes to the profile “{name}”?</translation>
    </message>
    <message>
        <source>New profile</source>
        <translation>New profile</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Name:</translation>
    </message>
    <message>
        <source>Delete the profile “{name}”?</source>
        <translation>Delete the profile “{name}”?</translation>
    </message>
    <message>
        <source>It is the active one: the fit scores are cleared.</source>
        <translation>It is the active one: the fit scores are cleared.</translation>
    </message>
    <message>
        <source>Delete profile</source>
        <translation>Delete profile</translation>
    </message>
</context>
<context>
    <name>Progress</name>
    <message>
        <source>Cancel</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>Cancelling…</source>
        <translation>Cancelling…</translation>
    </message>
    <message>
        <source>Please wait</source>
        <translation>Please wait</translation>
    </message>
</context>
<context>
    <name>QualificationDialog</name>
    <message>
        <source>Does this person decide?</source>
        <translation>Does this person decide?</translation>
    </message>
    <message>
        <source>&amp;Authority:</source>
        <translation>&amp;Authority:</translation>
    </message>
    <message>
        <source>Is there a need we can meet?</source>
        <translation>Is there a need we can meet?</translation>
    </message>
    <message>
        <source>&amp;Need:</source>
        <translation>&amp;Need:</translation>
    </message>
    <message>
        <source>Is money there for it?</source>
        <translation>Is money there for it?</translation>
    </message>
    <message>
        <source>B&amp;udget:</source>
        <translation>B&amp;udget:</translation>
    </message>
    <message>
        <source>Does the decision fall in the sales period?</source>
        <translation>Does the decision fall in the sales period?</translation>
    </message>
    <message>
        <source>&amp;Timing:</source>
        <translation>&amp;Timing:</translation>
    </message>
    <message>
        <source>When</source>
        <translation>When</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Who</translation>
    </message>
    <message>
        <source>What</source>
        <translation>What</translation>
    </message>
    <message>
        <source>Why</source>
        <translation>Why</translation>
    </message>
    <message>
        <source>&amp;Checklist</source>
        <translation>&amp;Checklist</translation>
    </message>
    <message>
        <source>&amp;History</source>
        <translation>&amp;History</translation>
    </message>
    <message>
        <source>Create &amp;opportunity…</source>
        <translation>Create &amp;opportunity…</translation>
    </message>
    <message>
        <source>Nu&amp;rture…</source>
        <translation>Nu&amp;rture…</translation>
    </message>
    <message>
        <source>Dis&amp;qualify…</source>
        <translation>Dis&amp;qualify…</translation>
    </message>
    <message>
        <source>Take &amp;up again</source>
        <translation>Take &amp;up again</translation>
    </message>
    <message>
        <source>&amp;Save</source>
        <translation>&amp;Save</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>Also decide or &amp;influence:</source>
        <translation>Also decide or &amp;influence:</translation>
    </message>
    <message>
        <source>The active ideal customer lists no pain points yet; note the need above.</source>
        <translation>The active ideal customer lists no pain points yet; note the need above.</translation>
    </message>
    <message>
        <source>&amp;Pains they have:</source>
        <translation>&amp;Pains they have:</translation>
    </message>
    <message>
        <source>Not known</source>
        <translation>Not known</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>e.g. 2027 or second half of 2027</source>
        <translation>e.g. 2027 or second half of 2027</translation>
    </message>
    <message>
        <source>Available:</source>
        <translation>Available:</translation>
    </message>
    <message>
        <source>&amp;Range:</source>
        <translation>&amp;Range:</translation>
    </message>
    <message>
        <source>Budget &amp;period:</source>
        <translation>Budget &amp;period:</translation>
    </message>
    <message>
        <source>&amp;Decision expected on</source>
        <translation>&amp;Decision expected on</translation>
    </message>
    <message>
        <source>no company</source>
        <translation>no company</translation>
    </message>
    <message>
        <source>Qualify %1</source>
        <translation>Qualify %1</translation>
    </message>
    <message>
        <source>Status: %1</source>
        <translation>Status: %1</translation>
    </message>
    <message>
        <source>Persona: %1</source>
        <translation>Persona: %1</translation>
    </message>
    <message>
        <source>qualify again on %1</source>
        <translation>qualify again on %1</translation>
    </message>
    <message>
        <source>Status: %1 → %2</source>
        <translation>Status: %1 → %2</translation>
    </message>
    <message>
        <source>Opportunity created</source>
        <translation>Opportunity created</translation>
    </message>
    <message>
        <source>Decision expected on %1</source>
        <translation>Decision expected on %1</translation>
    </message>
    <message>
        <source>%1–%2 months</source>
        <translation>%1–%2 months</translation>
    </message>
    <message>
        <source>Ask when they decide. The usual sales period is %1.</source>
        <translation>Ask when they decide. The usual sales period is %1.</translation>
    </message>
    <message>
        <source>That date has passed: ask again when they decide.</source>
        <translation>That date has passed: ask again when they decide.</translation>
    </message>
    <message>
        <source>Sooner than the usual %1: timing is met, the offer must hurry.</source>
        <translation>Sooner than the usual %1: timing is met, the offer must hurry.</translation>
    </message>
    <message>
        <source>Inside the usual %1: timing is met.</source>
        <translation>Inside the usual %1: timing is met.</translation>
    </message>
    <message>
        <source>Later than the usual %1: nurture the lead and qualify it again from %2.</source>
        <translation>Later than the usual %1: nurture the lead and qualify it again from %2.</translation>
    </message>
    <message>
        <source>All four criteria are met: an offer can be placed.</source>
        <translation>All four criteria are met: an offer can be placed.</translation>
    </message>
    <message>
        <source>Not met: %1. Nurture the lead, or disqualify it.</source>
        <translation>Not met: %1. Nurture the lead, or disqualify it.</translation>
    </message>
    <message>
        <source>%1 of 4 criteria met; still open: %2.</source>
        <translation>%1 of 4 criteria met; still open: %2.</translation>
    </message>
    <message>
        <source>Creates the opportunity: an offer can be placed.</source>
        <translation>Creates the opportunity: an offer can be placed.</translation>
    </message>
    <message>
        <source>Needs all four criteria met with evidence. Missing: %1.</source>
        <translation>Needs all four criteria met with evidence. Missing: %1.</translation>
    </message>
    <message>
        <source>Your entries are still here. Save them over the other change (it stays in the history), or show the stored checklist instead of yours.</source>
        <translation>Your entries are still here. Save them over the other change (it stays in the history), or show the stored checklist instead of yours.</translation>
    </message>
    <message>
        <source>Save mine</source>
        <translation>Save mine</translation>
    </message>
    <message>
        <source>Show the stored one</source>
        <translation>Show the stored one</translation>
    </message>
    <message>
        <source>Keep editing</source>
        <translation>Keep editing</translation>
    </message>
    <message>
        <source>Offer for %1</source>
        <translation>Offer for %1</translation>
    </message>
    <message>
        <source>Save the changes to the checklist?</source>
        <translation>Save the changes to the checklist?</translation>
    </message>
</context>
<context>
    <name>QuickCriteria</name>
    <message>
        <source>&amp;Authority</source>
        <translation>&amp;Authority</translation>
    </message>
    <message>
        <source>Nee&amp;d</source>
        <translation>Nee&amp;d</translation>
    </message>
    <message>
        <source>B&amp;udget</source>
        <translation>B&amp;udget</translation>
    </message>
    <message>
        <source>Timin&amp;g</source>
        <translation>Timin&amp;g</translation>
    </message>
    <message>
        <source>Required for met: who said what</source>
        <translation>Required for met: who said what</translation>
    </message>
    <message>
        <source>What shows it</source>
        <translation>What shows it</translation>
    </message>
</context>
<context>
    <name>RescheduleDialog</name>
    <message>
        <source>Move touch</source>
        <translation>Move touch</translation>
    </message>
    <message>
        <source>&amp;All day</source>
        <translation>&amp;All day</translation>
    </message>
    <message>
        <source>&amp;Day</source>
        <translation>&amp;Day</translation>
    </message>
    <message>
        <source>&amp;Time</source>
        <translation>&amp;Time</translation>
    </message>
    <message>
        <source>&amp;Move</source>
        <translation>&amp;Move</translation>
    </message>
    <message>
        <source>A public holiday: %1</source>
        <translation>A public holiday: %1</translation>
    </message>
    <message>
        <source>A weekend day.</source>
        <translation>A weekend day.</translation>
    </message>
</context>
<context>
    <name>RestoreAtOpen</name>
    <message>
        <source>%1: %2 companies, %3 contacts</source>
        <translation>%1: %2 companies, %3 contacts</translation>
    </message>
    <message>
        <source>Restore a backup</source>
        <translation>Restore a backup</translation>
    </message>
    <message>
        <source>Put this backup in place of the damaged file (which is kept in the backups folder):</source>
        <translation>Put this backup in place of the damaged file (which is kept in the backups folder):</translation>
    </message>
</context>
<context>
    <name>RunPage</name>
    <message>
        <source>Importing</source>
        <translation>Importing</translation>
    </message>
    <message>
        <source>Everything is stored at once at the end. If you cancel, nothing is imported and the database stays as it was.</source>
        <translation>Everything is stored at once at the end. If you cancel, nothing is imported and the database stays as it was.</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>&amp;Next</translation>
    </message>
    <message>
        <source>&amp;Start the import again</source>
        <translation>&amp;Start the import again</translation>
    </message>
    <message>
        <source>&amp;Back to the preview</source>
        <translation>&amp;Back to the preview</translation>
    </message>
    <message numerus="yes">
        <source>Importing %Ln rows from %1…</source>
        <translation>
            <numerusform>Importing %Ln row from %1…</numerusform>
            <numerusform>Importing %Ln rows from %1…</numerusform>
        </translation>
    </message>
    <message>
        <source>The import failed: %1 Nothing was imported; the database is unchanged.</source>
        <translation>The import failed: %1 Nothing was imported; the database is unchanged.</translation>
    </message>
    <message>
        <source>The import was cancelled. Nothing was imported; the database is unchanged.</source>
        <translation>The import was cancelled. Nothing was imported; the database is unchanged.</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Settings</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>&amp;Default file on this computer</source>
        <translation>&amp;Default file on this computer</translation>
    </message>
    <message>
        <source>Another &amp;file</source>
        <translation>Another &amp;file</translation>
    </message>
    <message>
        <source>Shared &amp;PostgreSQL server</source>
        <translation>Shared &amp;PostgreSQL server</translation>
    </message>
    <message>
        <source>&amp;Browse…</source>
        <translation>&amp;Browse…</translation>
    </message>
    <message>
        <source>Database</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>As the system</source>
        <translation>As the system</translation>
    </message>
    <message>
        <source>Nobody chosen</source>
        <translation>Nobody chosen</translation>
    </message>
    <message>
        <source>Your leads are shown under “My leads”, and what you qualify is recorded under your name.</source>
        <translation>Your leads are shown under “My leads”, and what you qualify is recorded under your name.</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Language</translation>
    </message>
    <message>
        <source>&amp;I am</source>
        <translation>&amp;I am</translation>
    </message>
    <message>
        <source>Changes take effect when Prospector is started again.</source>
        <translation>Changes take effect when Prospector is started again.</translation>
    </message>
    <message>
        <source> months</source>
        <translation> months</translation>
    </message>
    <message>
        <source>Usual &amp;sales period:</source>
        <translation>Usual &amp;sales period:</translation>
    </message>
    <message>
        <source>A decision expected within the longer period meets the timing criterion; a later one sends the lead to nurturing.</source>
        <translation>A decision expected within the longer period meets the timing criterion; a later one sends the lead to nurturing.</translation>
    </message>
    <message>
        <source>Chance at “%1”:</source>
        <translation>Chance at “%1”:</translation>
    </message>
    <message>
        <source>Qualifying and pipeline (for the whole team)</source>
        <translation>Qualifying and pipeline (for the whole team)</translation>
    </message>
    <message>
        <source>Only the nationwide holidays</source>
        <translation>Only the nationwide holidays</translation>
    </message>
    <message>
        <source> days</source>
        <translation> days</translation>
    </message>
    <message>
        <source>Plan touches on weekends and public holidays too</source>
        <translation>Plan touches on weekends and public holidays too</translation>
    </message>
    <message>
        <source>Federal &amp;state:</source>
        <translation>Federal &amp;state:</translation>
    </message>
    <message>
        <source>Its public holidays are marked in the calendar and kept free of touches.</source>
        <translation>Its public holidays are marked in the calendar and kept free of touches.</translation>
    </message>
    <message>
        <source>Forgotten after:</source>
        <translation>Forgotten after:</translation>
    </message>
    <message>
        <source>A lead nobody touched for this long, with nothing planned, is listed.</source>
        <translation>A lead nobody touched for this long, with nothing planned, is listed.</translation>
    </message>
    <message>
        <source>Next try after:</source>
        <translation>Next try after:</translation>
    </message>
    <message>
        <source>A call that did not reach the person is tried again this much later.</source>
        <translation>A call that did not reach the person is tried again this much later.</translation>
    </message>
    <message>
        <source>Nurturing and calendar (for the whole team)</source>
        <translation>Nurturing and calendar (for the whole team)</translation>
    </message>
    <message>
        <source>Database file</source>
        <translation>Database file</translation>
    </message>
    <message>
        <source>Prospector database (*.sqlite);;All files (*)</source>
        <translation>Prospector database (*.sqlite);;All files (*)</translation>
    </message>
    <message>
        <source>Enter a database file, or a server address such as %1.</source>
        <translation>Enter a database file, or a server address such as %1.</translation>
    </message>
</context>
<context>
    <name>SourceModel</name>
    <message>
        <source>Source</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>Companies</source>
        <translation>Companies</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Opportunities</source>
        <translation>Opportunities</translation>
    </message>
    <message>
        <source>Customers</source>
        <translation>Customers</translation>
    </message>
    <message>
        <source>Cost (€)</source>
        <translation>Cost (€)</translation>
    </message>
    <message>
        <source>per lead</source>
        <translation>per lead</translation>
    </message>
    <message>
        <source>per opportunity</source>
        <translation>per opportunity</translation>
    </message>
    <message>
        <source>per customer</source>
        <translation>per customer</translation>
    </message>
    <message>
        <source>Money spent, nothing yet in return.</source>
        <translation>Money spent, nothing yet in return.</translation>
    </message>
    <message>
        <source>(no source)</source>
        <translation>(no source)</translation>
    </message>
</context>
<context>
    <name>StageColumn</name>
    <message>
        <source>No deals. Drop one here to move it.</source>
        <translation>No deals. Drop one here to move it.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln deals</source>
        <translation>
            <numerusform>%Ln deal</numerusform>
            <numerusform>%Ln deals</numerusform>
        </translation>
    </message>
    <message>
        <source>weighted %1</source>
        <translation>weighted %1</translation>
    </message>
    <message numerus="yes">
        <source>and %Ln more — see the list</source>
        <translation>
            <numerusform>and %Ln more — see the list</numerusform>
            <numerusform>and %Ln more — see the list</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SuggestionModel</name>
    <message>
        <source>Contact</source>
        <translation>Contact</translation>
    </message>
    <message>
        <source>Company</source>
        <translation>Company</translation>
    </message>
    <message>
        <source>Job title</source>
        <translation>Job title</translation>
    </message>
    <message>
        <source>Persona</source>
        <translation>Persona</translation>
    </message>
    <message>
        <source>Matches</source>
        <translation>Matches</translation>
    </message>
    <message>
        <source>Certainty</source>
        <translation>Certainty</translation>
    </message>
</context>
<context>
    <name>SummaryPage</name>
    <message>
        <source>Import finished</source>
        <translation>Import finished</translation>
    </message>
    <message>
        <source>These rows were not imported:</source>
        <translation>These rows were not imported:</translation>
    </message>
    <message>
        <source>&amp;Save rows not imported…</source>
        <translation>&amp;Save rows not imported…</translation>
    </message>
    <message>
        <source>%1: %2.</source>
        <translation>%1: %2.</translation>
    </message>
    <message numerus="yes">
        <source>… and %Ln more rows with errors.</source>
        <translation>
            <numerusform>… and %Ln more row with errors.</numerusform>
            <numerusform>… and %Ln more rows with errors.</numerusform>
        </translation>
    </message>
    <message>
        <source>This is import number %1. If it was not what you wanted, you can undo it with File → Import history…</source>
        <translation>This is import number %1. If it was not what you wanted, you can undo it with File → Import history…</translation>
    </message>
    <message>
        <source>%1 - not imported.xlsx</source>
        <translation>%1 - not imported.xlsx</translation>
    </message>
    <message>
        <source>Save rows not imported</source>
        <translation>Save rows not imported</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <source>Reason</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>%1 cannot be written: %2</source>
        <translation>%1 cannot be written: %2</translation>
    </message>
    <message numerus="yes">
        <source>%Ln rows saved to %1.</source>
        <translation>
            <numerusform>%Ln row saved to %1.</numerusform>
            <numerusform>%Ln rows saved to %1.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>TeamModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Role</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>Hours/week</source>
        <translation>Hours/week</translation>
    </message>
    <message>
        <source>Calls/hour</source>
        <translation>Calls/hour</translation>
    </message>
    <message>
        <source>Reached</source>
        <translation>Reached</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Active</translation>
    </message>
    <message>
        <source>Leads</source>
        <translation>Leads</translation>
    </message>
    <message>
        <source>Leads/week</source>
        <translation>Leads/week</translation>
    </message>
    <message>
        <source>Weeks</source>
        <translation>Weeks</translation>
    </message>
    <message>
        <source>Hours a week for qualifying leads</source>
        <translation>Hours a week for qualifying leads</translation>
    </message>
    <message>
        <source>Calls an hour, reached or not</source>
        <translation>Calls an hour, reached or not</translation>
    </message>
    <message>
        <source>Share of calls that reach the person wanted</source>
        <translation>Share of calls that reach the person wanted</translation>
    </message>
    <message>
        <source>Own leads + a share of the leads without owner, by capacity</source>
        <translation>Own leads + a share of the leads without owner, by capacity</translation>
    </message>
    <message>
        <source>Leads qualified a week</source>
        <translation>Leads qualified a week</translation>
    </message>
    <message>
        <source>Weeks to work through these leads</source>
        <translation>Weeks to work through these leads</translation>
    </message>
    <message>
        <source>Agency (what-if)</source>
        <translation>Agency (what-if)</translation>
    </message>
    <message>
        <source>No hours for qualification: enter weekly hours.</source>
        <translation>No hours for qualification: enter weekly hours.</translation>
    </message>
    <message>
        <source>No calls per hour: enter how many calls an hour.</source>
        <translation>No calls per hour: enter how many calls an hour.</translation>
    </message>
    <message>
        <source>Nobody is ever reached: enter a reach rate above 0 %.</source>
        <translation>Nobody is ever reached: enter a reach rate above 0 %.</translation>
    </message>
    <message>
        <source>%1 %</source>
        <translation>%1%</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>No</source>
        <translation>No</translation>
    </message>
    <message>
        <source>The extra agency hours of the what-if, at the assumed agency rates.</source>
        <translation>The extra agency hours of the what-if, at the assumed agency rates.</translation>
    </message>
    <message>
        <source>%1 own leads and a share of %2 of the leads without owner</source>
        <translation>%1 own leads and a share of %2 of the leads without owner</translation>
    </message>
    <message>
        <source>Over capacity: more weeks than you aim for.</source>
        <translation>Over capacity: more weeks than you aim for.</translation>
    </message>
</context>
<context>
    <name>TeamPage</name>
    <message>
        <source>Deactivate team member</source>
        <translation>Deactivate team member</translation>
    </message>
    <message>
        <source>Take “%1” off the team?</source>
        <translation>Take “%1” off the team?</translation>
    </message>
    <message>
        <source>The member is kept, not deleted, and can be made active again at any time.</source>
        <translation>The member is kept, not deleted, and can be made active again at any time.</translation>
    </message>
    <message>
        <source>Until then, the leads they own (%1) count as leads without owner.</source>
        <translation>Until then, the leads they own (%1) count as leads without owner.</translation>
    </message>
    <message>
        <source>Deactivate</source>
        <translation>Deactivate</translation>
    </message>
    <message>
        <source>Who qualifies your leads, and how long the backlog takes them. Leads nobody has the time to call are wasted.</source>
        <translation>Who qualifies your leads, and how long the backlog takes them. Leads nobody has the time to call are wasted.</translation>
    </message>
    <message>
        <source>&amp;New member…</source>
        <translation>&amp;New member…</translation>
    </message>
    <message>
        <source>Ed&amp;it…</source>
        <translation>Ed&amp;it…</translation>
    </message>
    <message>
        <source>&amp;Deactivate…</source>
        <translation>&amp;Deactivate…</translation>
    </message>
    <message>
        <source>Team</source>
        <translation>Team</translation>
    </message>
    <message>
        <source>Backlog and capacity</source>
        <translation>Backlog and capacity</translation>
    </message>
    <message>
        <source> h</source>
        <translation> h</translation>
    </message>
    <message>
        <source>E&amp;xtra agency hours a week:</source>
        <translation>E&amp;xtra agency hours a week:</translation>
    </message>
    <message>
        <source>What if an agency helps</source>
        <translation>What if an agency helps</translation>
    </message>
    <message>
        <source> weeks</source>
        <translation> weeks</translation>
    </message>
    <message>
        <source>Conversations &amp;per lead:</source>
        <translation>Conversations &amp;per lead:</translation>
    </message>
    <message>
        <source>Clear the backlog &amp;within:</source>
        <translation>Clear the backlog &amp;within:</translation>
    </message>
    <message>
        <source>Calling h&amp;ours in a call day:</source>
        <translation>Calling h&amp;ours in a call day:</translation>
    </message>
    <message>
        <source>Agency &amp;calls per hour:</source>
        <translation>Agency &amp;calls per hour:</translation>
    </message>
    <message>
        <source>Agency &amp;reach rate:</source>
        <translation>Agency &amp;reach rate:</translation>
    </message>
    <message>
        <source>&amp;Save assumptions</source>
        <translation>&amp;Save assumptions</translation>
    </message>
    <message>
        <source>Assumptions</source>
        <translation>Assumptions</translation>
    </message>
    <message numerus="yes">
        <source>%Ln weeks</source>
        <translation>
            <numerusform>%Ln week</numerusform>
            <numerusform>%Ln weeks</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 weeks</source>
        <comment>a duration with one decimal</comment>
        <translation>%1 weeks</translation>
    </message>
    <message>
        <source>Nobody has hours for qualification: enter weekly hours for a team member.</source>
        <translation>Nobody has hours for qualification: enter weekly hours for a team member.</translation>
    </message>
    <message>
        <source>Nobody with hours makes any calls: enter calls per hour for a team member.</source>
        <translation>Nobody with hours makes any calls: enter calls per hour for a team member.</translation>
    </message>
    <message>
        <source>Nobody with hours ever reaches anyone: enter a reach rate above 0 % for a team member.</source>
        <translation>Nobody with hours ever reaches anyone: enter a reach rate above 0 % for a team member.</translation>
    </message>
    <message numerus="yes">
        <source>The team qualifies about %Ln leads a week.</source>
        <translation>
            <numerusform>The team qualifies about %Ln lead a week.</numerusform>
            <numerusform>The team qualifies about %Ln leads a week.</numerusform>
        </translation>
    </message>
    <message>
        <source>The team qualifies about %1 leads a week.</source>
        <translation>The team qualifies about %1 leads a week.</translation>
    </message>
    <message numerus="yes">
        <source>%Ln leads await qualification</source>
        <translation>
            <numerusform>%Ln lead awaits qualification</numerusform>
            <numerusform>%Ln leads await qualification</numerusform>
        </translation>
    </message>
    <message>
        <source>(%1 without owner).</source>
        <translation>(%1 without owner).</translation>
    </message>
    <message numerus="yes">
        <source>%Ln of them belong to members who are no longer active.</source>
        <translation>
            <numerusform>%Ln of them belongs to a member who is no longer active.</numerusform>
            <numerusform>%Ln of them belong to members who are no longer active.</numerusform>
        </translation>
    </message>
    <message>
        <source>No leads await qualification right now.</source>
        <translation>No leads await qualification right now.</translation>
    </message>
    <message>
        <source>More than the %1 you aim for: over capacity.</source>
        <translation>More than the %1 you aim for: over capacity.</translation>
    </message>
    <message>
        <source>%1 to clear the backlog.</source>
        <comment>%1 is a duration such as 4.1 weeks</comment>
        <translation>%1 to clear the backlog.</translation>
    </message>
    <message>
        <source>Your team&apos;s hours are about %1 call days a week</source>
        <translation>Your team&apos;s hours are about %1 call days a week</translation>
    </message>
    <message numerus="yes">
        <source>in %Ln weeks</source>
        <translation>
            <numerusform>in %Ln week</numerusform>
            <numerusform>in %Ln weeks</numerusform>
        </translation>
    </message>
    <message>
        <source>; how many clearing the backlog %1 needs cannot be said while leads have nobody who calls and reaches anyone.</source>
        <translation>; how many clearing the backlog %1 needs cannot be said while leads have nobody who calls and reaches anyone.</translation>
    </message>
    <message>
        <source>; clearing the backlog %1 needs %2 call days a week.</source>
        <translation>; clearing the backlog %1 needs %2 call days a week.</translation>
    </message>
    <message>
        <source>Enter agency hours to see how much sooner the backlog is cleared.</source>
        <translation>Enter agency hours to see how much sooner the backlog is cleared.</translation>
    </message>
    <message numerus="yes">
        <source>With %Ln agency hours a week:</source>
        <translation>
            <numerusform>With %Ln agency hour a week:</numerusform>
            <numerusform>With %Ln agency hours a week:</numerusform>
        </translation>
    </message>
    <message>
        <source>no leads to clear.</source>
        <translation>no leads to clear.</translation>
    </message>
    <message>
        <source>still no progress: the assumed agency calls per hour or reach rate is 0.</source>
        <translation>still no progress: the assumed agency calls per hour or reach rate is 0.</translation>
    </message>
    <message>
        <source>%1; without them the backlog is never cleared.</source>
        <translation>%1; without them the backlog is never cleared.</translation>
    </message>
    <message>
        <source>%1 instead of %2.</source>
        <translation>%1 instead of %2.</translation>
    </message>
    <message numerus="yes">
        <source>within %Ln weeks</source>
        <translation>
            <numerusform>within %Ln week</numerusform>
            <numerusform>within %Ln weeks</numerusform>
        </translation>
    </message>
    <message>
        <source>An agency cannot help at the assumed rates: enter its calls per hour and reach rate under Assumptions.</source>
        <translation>An agency cannot help at the assumed rates: enter its calls per hour and reach rate under Assumptions.</translation>
    </message>
    <message>
        <source>The team clears the backlog %1 without an agency.</source>
        <translation>The team clears the backlog %1 without an agency.</translation>
    </message>
    <message numerus="yes">
        <source>To clear it %1 you need about %Ln agency hours a week.</source>
        <translation>
            <numerusform>To clear it %1 you need about %Ln agency hour a week.</numerusform>
            <numerusform>To clear it %1 you need about %Ln agency hours a week.</numerusform>
        </translation>
    </message>
    <message>
        <source>Ac&amp;tivate again</source>
        <translation>Ac&amp;tivate again</translation>
    </message>
    <message>
        <source>Between 1 and 20 conversations.</source>
        <translation>Between 1 and 20 conversations.</translation>
    </message>
    <message>
        <source>Between 1 and 52 weeks.</source>
        <translation>Between 1 and 52 weeks.</translation>
    </message>
    <message>
        <source>Between 1 and 12 hours.</source>
        <translation>Between 1 and 12 hours.</translation>
    </message>
</context>
<context>
    <name>TrashPage</name>
    <message>
        <source>Deleted companies stay here for 30 days; then they are removed for good.</source>
        <translation>Deleted companies stay here for 30 days; then they are removed for good.</translation>
    </message>
    <message>
        <source>The trash is empty.</source>
        <translation>The trash is empty.</translation>
    </message>
    <message>
        <source>Restore</source>
        <translation>Restore</translation>
    </message>
    <message>
        <source>Delete for good…</source>
        <translation>Delete for good…</translation>
    </message>
    <message>
        <source>Bring the selected companies back (Ctrl+R)</source>
        <translation>Bring the selected companies back (Ctrl+R)</translation>
    </message>
    <message>
        <source>Delete the selected companies for good (Del)</source>
        <translation>Delete the selected companies for good (Del)</translation>
    </message>
    <message>
        <source>Empty trash…</source>
        <translation>Empty trash…</translation>
    </message>
    <message>
        <source>Delete every company in the trash for good</source>
        <translation>Delete every company in the trash for good</translation>
    </message>
    <message>
        <source>Delete “{name}” for good? Its contacts and history are deleted with it. This cannot be undone.</source>
        <translation>Delete “{name}” for good? Its contacts and history are deleted with it. This cannot be undone.</translation>
    </message>
    <message numerus="yes">
        <source>Delete %Ln companies for good? Their contacts and history are deleted with them. This cannot be undone.</source>
        <translation>
            <numerusform>Delete %Ln company for good? Its contacts and history are deleted with it. This cannot be undone.</numerusform>
            <numerusform>Delete %Ln companies for good? Their contacts and history are deleted with them. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Delete for good</source>
        <translation>Delete for good</translation>
    </message>
    <message numerus="yes">
        <source>Empty the trash? %Ln companies are deleted for good, with their contacts and history. This cannot be undone.</source>
        <translation>
            <numerusform>Empty the trash? %Ln company is deleted for good, with its contacts and history. This cannot be undone.</numerusform>
            <numerusform>Empty the trash? %Ln companies are deleted for good, with their contacts and history. This cannot be undone.</numerusform>
        </translation>
    </message>
    <message>
        <source>Empty trash</source>
        <translation>Empty trash</translation>
    </message>
</context>
<context>
    <name>TrashTableModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>City</source>
        <translation>City</translation>
    </message>
    <message>
        <source>Contacts</source>
        <translation>Contacts</translation>
    </message>
    <message>
        <source>Deleted on</source>
        <translation>Deleted on</translation>
    </message>
    <message>
        <source>Removed for good on</source>
        <translation>Removed for good on</translation>
    </message>
</context>
<context>
    <name>UndoHistory</name>
    <message>
        <source>changes to “%1”</source>
        <translation>changes to “%1”</translation>
    </message>
    <message numerus="yes">
        <source>no owner for %Ln persons</source>
        <translation>
            <numerusform>no owner for %Ln person</numerusform>
            <numerusform>no owner for %Ln persons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>owner “%1” for %Ln persons</source>
        <translation>
            <numerusform>owner “%1” for %Ln person</numerusform>
            <numerusform>owner “%1” for %Ln persons</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>no owner for %Ln companies</source>
        <translation>
            <numerusform>no owner for %Ln company</numerusform>
            <numerusform>no owner for %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>owner “%1” for %Ln companies</source>
        <translation>
            <numerusform>owner “%1” for %Ln company</numerusform>
            <numerusform>owner “%1” for %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>stage “%1” for %Ln companies</source>
        <translation>
            <numerusform>stage “%1” for %Ln company</numerusform>
            <numerusform>stage “%1” for %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag “%1” on %Ln companies</source>
        <translation>
            <numerusform>tag “%1” on %Ln company</numerusform>
            <numerusform>tag “%1” on %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>tag “%1” removed from %Ln companies</source>
        <translation>
            <numerusform>tag “%1” removed from %Ln company</numerusform>
            <numerusform>tag “%1” removed from %Ln companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>objection for the contacts of %Ln companies</source>
        <translation>
            <numerusform>objection for the contacts of %Ln company</numerusform>
            <numerusform>objection for the contacts of %Ln companies</numerusform>
        </translation>
    </message>
    <message>
        <source>merge of “%1”</source>
        <translation>merge of “%1”</translation>
    </message>
    <message numerus="yes">
        <source>import of “%1” (%Ln companies)</source>
        <translation>
            <numerusform>import of “%1” (%Ln company)</numerusform>
            <numerusform>import of “%1” (%Ln companies)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies moved to the trash</source>
        <translation>
            <numerusform>%Ln company moved to the trash</numerusform>
            <numerusform>%Ln companies moved to the trash</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln companies restored from the trash</source>
        <translation>
            <numerusform>%Ln company restored from the trash</numerusform>
            <numerusform>%Ln companies restored from the trash</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>WelcomePage</name>
    <message>
        <source>Welcome to Prospector</source>
        <translation>Welcome to Prospector</translation>
    </message>
    <message>
        <source>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call.</source>
        <translation>Prospector helps you find the companies that fit your ideal customer, the people in them who can decide, and the right time to call.</translation>
    </message>
    <message>
        <source>Import a spreadsheet</source>
        <translation>Import a spreadsheet</translation>
    </message>
    <message>
        <source>Bring in your companies and contacts from Excel or CSV.</source>
        <translation>Bring in your companies and contacts from Excel or CSV.</translation>
    </message>
    <message>
        <source>Load the sample data</source>
        <translation>Load the sample data</translation>
    </message>
    <message>
        <source>Explore Prospector with 320 fictitious German companies and their contacts.</source>
        <translation>Explore Prospector with 320 fictitious German companies and their contacts.</translation>
    </message>
    <message>
        <source>Add a company</source>
        <translation>Add a company</translation>
    </message>
    <message>
        <source>Start with your first target company and enter it by hand.</source>
        <translation>Start with your first target company and enter it by hand.</translation>
    </message>
    <message>
        <source>Go to the companies</source>
        <translation>Go to the companies</translation>
    </message>
    <message>
        <source>Search, filter and work through your list (Ctrl+2).</source>
        <translation>Search, filter and work through your list (Ctrl+2).</translation>
    </message>
    <message>
        <source>New here? The user guide explains the first steps (F1).</source>
        <translation>New here? The user guide explains the first steps (F1).</translation>
    </message>
    <message numerus="yes">
        <source>Your database holds %Ln companies. What would you like to do?</source>
        <translation>
            <numerusform>Your database holds %Ln company. What would you like to do?</numerusform>
            <numerusform>Your database holds %Ln companies. What would you like to do?</numerusform>
        </translation>
    </message>
    <message>
        <source>Import another spreadsheet</source>
        <translation>Import another spreadsheet</translation>
    </message>
    <message>
        <source>Your database is still empty. How would you like to start?</source>
        <translation>Your database is still empty. How would you like to start?</translation>
    </message>
</context>
<context>
    <name>_Counts</name>
    <message numerus="yes">
        <source>%Ln rows imported</source>
        <translation>
            <numerusform>%Ln row imported</numerusform>
            <numerusform>%Ln rows imported</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>(%Ln of them with notes)</source>
        <translation>
            <numerusform>(%Ln of them with notes)</numerusform>
            <numerusform>(%Ln of them with notes)</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln refused</source>
        <translation>
            <numerusform>%Ln refused</numerusform>
            <numerusform>%Ln refused</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new companies</source>
        <translation>
            <numerusform>%Ln new company</numerusform>
            <numerusform>%Ln new companies</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln updates</source>
        <translation>
            <numerusform>%Ln update</numerusform>
            <numerusform>%Ln updates</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln new contacts</source>
        <translation>
            <numerusform>%Ln new contact</numerusform>
            <numerusform>%Ln new contacts</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln contacts updated</source>
        <translation>
            <numerusform>%Ln contact updated</numerusform>
            <numerusform>%Ln contacts updated</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln skipped as duplicates</source>
        <translation>
            <numerusform>%Ln skipped as a duplicate</numerusform>
            <numerusform>%Ln skipped as duplicates</numerusform>
        </translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>_When</name>
    <message>
        <source>All day</source>
        <translation>All day</translation>
    </message>
</context>
</TS>
