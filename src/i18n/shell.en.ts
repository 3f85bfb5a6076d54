/**
 * Texts of the app shell: start page, room views, console. The reference
 * catalog: da and nb must have exactly these keys.
 * Count texts come in pairs, `….one` for exactly 1 and `….other` for the rest.
 */
export const shellEn = {
  // --- the whole app -------------------------------------------------------
  'app.name': 'Ledestjerne',
  'app.tagline': 'Workshops for customer-service teams',
  'app.skipToContent': 'Skip to content',
  'app.homeLink': 'Ledestjerne, start page',
  'app.languageSwitcher': 'Language',

  // --- start page ----------------------------------------------------------
  'start.docTitle': 'Start a workshop · Ledestjerne',
  'start.title': 'Run a workshop with your team',
  'start.lead':
    'Choose a workshop and start a room. Everyone joins from their own phone or laptop with a link or QR code – no accounts, nothing to install.',
  'start.chooseWorkshop': 'Choose a workshop',
  'start.minutes': 'About {minutes} min',
  'start.steps.one': '1 step',
  'start.steps.other': '{count} steps',
  'start.workshopLanguage': 'Language of the workshop',
  'start.workshopLanguageHint': 'Everyone in the room sees the workshop in this language.',
  'start.submit': 'Start workshop',
  'start.submitting': 'Starting…',
  'start.noWorkshops': 'No workshops are installed yet.',
  'start.error': 'The room could not be started: {message}',
  'start.networkError': 'Could not reach the server. Check the connection and try again.',
  'start.unexpectedAnswer': 'The server gave an answer we did not understand. Please try again.',
  'start.howTitle': 'How it works',
  'start.how.console': 'You steer from the facilitator console on this computer.',
  'start.how.projector': 'The projector view shows the room what to do, and follows you.',
  'start.how.participants': 'Participants scan the QR code and write along on their phones.',

  // --- starting from an export ----------------------------------------------
  'start.import.legend': 'Start from earlier results',
  'start.import.lead':
    'Optional. Use the file you downloaded as “{download}” from the console of an earlier room, on its result step.',
  'start.import.none': 'Start with an empty room',
  'start.import.continue': 'Continue from an export',
  'start.import.continueHint':
    'The same workshop, starting with all the results of that room: for the next session, or for another team.',
  'start.import.carry': 'Bring results from an earlier workshop',
  'start.import.carryHint':
    'The chosen workshop starts with the results it can build on, e.g. the common denominator of “Collect your good examples” on the “5 × why” ladder.',
  'start.import.file': 'Export file (.json)',
  'start.import.noFile': 'Choose the export file first.',
  'start.import.notJson': 'This file is not an export. Choose the file you downloaded as “{download}”.',
  'start.import.invalid': 'This file cannot be used: {message}',
  'start.import.otherWorkshop': 'This export is from “{workshop}”. Choose that workshop to continue it.',
  'start.import.switchWorkshop': 'Choose “{workshop}”',
  'start.import.nothingToCarry':
    'This export has no results that “{workshop}” can take in. Choose another workshop, or continue the export instead.',
  'start.import.tooLarge': 'This file is too large to start a room from.',

  // --- rooms remembered on this device -------------------------------------
  'recent.title': 'Recent rooms on this device',
  'recent.lead': 'Only this browser remembers them.',
  'recent.opened': 'Opened {date}',
  'recent.asFacilitator': 'You facilitate',
  'recent.asParticipant': 'You took part',
  'recent.openConsole': 'Open console',
  'recent.openRoom': 'Open room',
  'recent.forget': 'Forget',
  'recent.forgetLabel': 'Forget “{title}”',
  'recent.forgotten': '“{title}” is no longer remembered on this device.',

  // --- connection status (the one role=status element) ---------------------
  'status.label': 'Connection',
  'status.connecting': 'Connecting…',
  'status.online': 'Live',
  'status.offline': 'Offline — reconnecting…',
  'status.refused.unknownRoom': 'This room does not exist',
  'status.refused.forbidden': 'Wrong facilitator key',
  'status.refused.inviteRevoked': 'This link has been replaced – ask the facilitator for the new one',
  'console.replaceLink': 'Replace the participant link…',
  'console.replaceLinkQuestion':
    'The old participant and projector links stop working at once, and everyone who joined with them must rejoin with the new link. Replace it?',
  'console.replaceLinkConfirm': 'Replace link',
  'console.replaceLinkCancel': 'Cancel',
  'console.replaceLinkDone':
    'New links made. Share the new participant link and open the projector view again with the new projector link.',
  'console.replaceLinkFailed': 'The link could not be replaced. Check the connection and try again.',
  'notFound.revokedDocTitle': 'Link replaced · Ledestjerne',
  'notFound.revokedTitle': 'This link no longer works',
  'notFound.revokedBody':
    'The facilitator has replaced the link to this room. Ask them for the new one, or scan the code on the wall again.',
  'status.refused.roomFull': 'This room is full: it has given out all its places',
  'status.refused.roomClosed': 'The facilitator has closed this room to new people: ask them to open it',
  'status.refused.other': 'The server refused the connection',

  // --- shared by the room views ----------------------------------------------
  'room.stepOf': 'Step {current} of {total}',
  'room.waiting': 'Joining the room…',
  'room.unknownRoomHint': 'This room is gone. Ask the facilitator for a new link.',
  'room.stageFailed': 'This part of the screen could not be shown.',
  'room.reload': 'Reload the page',
  'room.loadingStep': 'Loading this step…',

  // --- who is here ---------------------------------------------------------
  'presence.title': 'Who is here',
  'presence.participants.one': '1 participant',
  'presence.participants.other': '{count} participants',
  'presence.anonymous': 'Anonymous',
  'presence.you': 'you',
  'presence.nobody': 'Nobody has joined yet. Share the link or let people scan the QR code.',
  'presence.role.facilitator': 'Facilitator',
  'presence.role.participant': 'Participant',
  'presence.role.projector': 'Projector',

  // --- the participant's name ------------------------------------------------
  'name.welcome': 'Welcome to “{workshop}”',
  'name.lead': 'The facilitator leads the way, and your screen follows along.',
  'name.label': 'Your name',
  'name.optional': 'optional',
  'name.hint': 'Shown next to what you write. You can leave it empty and change it later.',
  'name.join': 'Join',
  'name.joinAnonymously': 'Join without a name',
  'name.save': 'Save name',
  'name.cancel': 'Cancel',
  'name.change': 'Change name',
  'name.youAre': 'You are {name}',
  'name.youAreAnonymous': 'You take part without a name',
  'name.saved': 'Your name is saved.',

  // --- participant view -----------------------------------------------------
  'participant.docTitle': '{workshop} · Ledestjerne',
  'participant.moved': 'The facilitator moved on to step {current}: {title}',

  // --- projector view -------------------------------------------------------
  'projector.docTitle': 'Projector · {workshop} · Ledestjerne',
  'projector.joinHeading': 'Join in',
  'projector.scan': 'Scan the code or go to',
  'projector.codeAt': 'Type the code at {place}',
  'projector.codeLabel': 'The code is {code}',
  'console.joinCode': 'Code for /j:',
  'join.docTitle': 'Join with a code · Ledestjerne',
  'join.title': 'Join with a code',
  'join.lead': 'Type the six characters shown on the wall.',
  'join.label': 'Code',
  'join.submit': 'Join',
  'join.looking': 'Finding the room…',
  'join.invalid': 'A code is six letters and digits, like KMX 47R.',
  'join.unknown': 'No workshop has this code. Check it on the wall.',
  'join.replaced': 'This code was replaced. Ask the facilitator for the new one.',
  'join.tooMany': 'Too many tries. Wait {seconds} seconds.',
  'join.failed': 'Could not reach the server. Try again.',
  'join.startLink': 'Got a code? Join here',
  'projector.more': '+{count} more – shown next',

  // --- QR code ----------------------------------------------------------------
  'qr.label': 'QR code for {url}',

  // --- facilitator console ----------------------------------------------------
  'console.docTitle': 'Console · {workshop} · Ledestjerne',
  'console.title': 'Facilitator console',
  'console.steps': 'Steps',
  'console.current': 'Now',
  'console.back': 'Back',
  'console.next': 'Next',
  'console.minutes': '{minutes} min',
  'console.notes': 'Notes for you',
  'console.stage': 'What the room is doing',
  'console.share': 'Invite the room',
  'console.participantLink': 'Participant link',
  'console.participantLinkHint': 'For everyone taking part. Share it, or let them scan the QR code.',
  'console.projectorLink': 'Projector link',
  'console.projectorLinkHint': 'Open it on the screen everyone can see. It follows you automatically.',
  'console.openProjector': 'Open the projector view',
  'console.facilitatorLink': 'Your facilitator link',
  'console.facilitatorLinkSummary': 'Your facilitator link (gives control)',
  'console.facilitatorWarning':
    'Anyone with this link can steer the workshop. Keep it to yourself, and use it to continue on another device.',
  'console.localOnly':
    'Only this computer can open these links. Start the server with HOST=0.0.0.0 to let the room join over the network.',
  'console.guessedOrigin':
    "Participants join via this address — check that it is this computer's address on the room's network.",
  'console.export': 'Export the results',
  'console.exportMarkdown': 'Download as Markdown',
  'console.exportJson': 'Download as JSON',
  'console.exportJsonHint':
    'Keep the “{download}” file: on the start page it continues this room in a new session, or brings its results into another workshop.',
  'console.noKeyTitle': 'This device does not have the facilitator key',
  'console.noKeyBody':
    'Open the facilitator link you got when the room was started – it ends in “#key=…”. Without it you can still join as a participant.',
  'console.forbiddenHint':
    'The key in this link does not belong to this room. Open the facilitator link from when the room was started.',
  'console.joinAsParticipant': 'Join as a participant',
  'console.opensNewTab': '(opens in a new tab)',

  // --- copy a link ------------------------------------------------------------
  'copy.copy': 'Copy',
  'copy.copyLabel': 'Copy: {name}',
  'copy.copied': 'Copied',
  'copy.copiedAnnouncement': 'Copied: {name}',
  'copy.manual': 'The link is selected: press Ctrl+C (⌘C on a Mac) to copy it.',

  // --- not found --------------------------------------------------------------
  'notFound.roomDocTitle': 'Room not found · Ledestjerne',
  'notFound.roomTitle': 'We can’t find that room',
  'notFound.roomBody':
    'The link may be mistyped, or the room may have been closed. Ask the facilitator for a new link.',
  'notFound.pageDocTitle': 'Page not found · Ledestjerne',
  'notFound.pageTitle': 'There is nothing here',
  'notFound.pageBody': 'The address may be mistyped, or the page has moved.',
  'notFound.home': 'Go to the start page',
} as const;
