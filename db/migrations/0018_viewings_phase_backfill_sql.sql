-- Requests paid before phases existed wait for the landlord; the others take their status's phase.
UPDATE `viewing_requests` SET `phase` = CASE `status`
  WHEN 2 THEN 'awaiting_landlord'
  WHEN 3 THEN 'viewed'
  WHEN 4 THEN 'refund_requested'
  WHEN 5 THEN 'refunded'
  ELSE 'awaiting_payment'
END;
